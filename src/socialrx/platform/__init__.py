"""The platform: the layer above the apps that puts them together.

Core and the apps never import it; it may import any of them. It holds what concerns the whole
platform at once, such as `socialrx seed-demo`, which runs every app's own demo
(`socialrx.core.demo` describes how an app declares one)."""
