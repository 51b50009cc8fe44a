"""A newcomer's machine: `make test` names the Debian packages it lacks instead of failing nine PDF tests."""

from tests import system


def test_a_machine_without_harfbuzz_subset_is_told_which_package_to_install():
    missing = system.missing_packages(
        find_library=lambda name: None if name == "harfbuzz-subset" else f"lib{name}.so", has_fonts=lambda: True
    )

    assert missing == ["libharfbuzz-subset0"]
    message = system.missing_message(missing)
    assert "apt-get install libharfbuzz-subset0" in message
    assert "WeasyPrint" in message


def test_a_machine_without_fonts_is_told_to_install_them():
    assert system.missing_packages(find_library=lambda name: f"lib{name}.so", has_fonts=lambda: False) == [
        "fonts-dejavu-core"
    ]


def test_this_machine_has_every_package_the_pdfs_need():
    assert system.missing_packages() == []


def test_other_systems_are_left_to_weasyprint_s_own_message():
    assert system.missing_packages(find_library=lambda name: None, has_fonts=lambda: False, platform="darwin") == []
