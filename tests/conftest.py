import os
import sys

import pytest
import yaml

# Stable rich output in every test: no colour, a fixed width.
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ.pop("FORCE_COLOR", None)

sys.path.insert(0, os.path.dirname(__file__))  # tests/helpers.py

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")

LOADERS = [pytest.param(yaml.SafeLoader, id="python-loader")]
if getattr(yaml, "__with_libyaml__", False):
    LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="c-loader"))


@pytest.fixture(params=LOADERS)
def loader(request):
    return request.param


@pytest.fixture
def fixtures():
    return FIXTURES


@pytest.fixture
def english(monkeypatch):
    """Messages in English (BHXH_LANG=en), for tests that assert the English wording; Vietnamese is the default."""
    monkeypatch.setenv("BHXH_LANG", "en")


@pytest.fixture(scope="module")
def english_module():
    """The same for a whole module (`pytestmark = pytest.mark.usefixtures("english_module")`)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BHXH_LANG", "en")
        yield


@pytest.fixture(autouse=True)
def language_walk(monkeypatch):
    """Every command line a test runs through CliRunner is checked for one language, and run again in the
    other language (tests/test_language_walk.py)."""
    if os.environ.get("BHXH_WALK") != "off":  # BHXH_WALK=off: the suite alone, without the walk (to time it)
        from test_language_walk import walk

        walk(monkeypatch)
