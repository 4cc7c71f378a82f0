READINGS = ["Griffis et al. 2014: hospital use of social media and patient experience"]


def reading_list(request) -> dict:
    return {"readings": READINGS}
