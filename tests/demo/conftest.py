from tests.demo.fixtures import demo, empty_cache, normandy  # noqa: F401
