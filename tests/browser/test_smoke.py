def test_home_page_opens_in_chromium_and_passes_axe(page, check_accessibility, db):
    page.goto("/")
    assert page.locator("h1").count() == 1
    check_accessibility(page, "home")
