"""axe-core itself runs and can fail: a page with a known violation is caught."""

import pytest
from helpers import axe_violations

pytestmark = pytest.mark.browser


def test_axe_reports_a_known_violation(page):
    page.set_content("<html lang='en'><head><title>t</title></head><body><main><img src='data:,'></main></body></html>")
    assert any(line.startswith("image-alt") for line in axe_violations(page))
