from tests.demo.fixtures import demo, normandy  # noqa: F401
