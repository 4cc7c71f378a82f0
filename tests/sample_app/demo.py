from socialrx.core.demo import DemoContext, DemoReport


def seed(context: DemoContext) -> DemoReport:
    hospital = context.get("demo_hospital")
    return DemoReport(title="Reading list", lines=[f"A reading list for {hospital.name}."])
