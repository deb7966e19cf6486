"""macros/engine.py is the one door between the macros and an engine; the rest of the package stays neutral.

Its fallbacks, used where no MkDocs-compatible engine is importable (Zensical's environment), must give
MkDocs' own answers, and the package must load the way Zensical's macros extension loads it.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from macros import engine

ROOT = Path(__file__).resolve().parents[1]
MACROS = ROOT / "macros"
ENGINES = ("mkdocs", "properdocs", "zensical")
PATHS = ["index.md", "README.md", "assess/index.md", "assess/report.md", "why-mlops.md", "a b/c d.md", "img/x.svg"]


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_only_engine_py_imports_an_engine():
    offenders = {}
    for path in sorted(MACROS.rglob("*.py")):
        engines = {name for name in _imported_modules(path) if name.split(".")[0] in ENGINES}
        if engines and path != MACROS / "engine.py":
            offenders[str(path.relative_to(ROOT))] = sorted(engines)
    assert offenders == {}, "import these through macros/engine.py instead"
    assert {"mkdocs.exceptions", "mkdocs.utils"} <= _imported_modules(MACROS / "engine.py")


def test_no_module_re_exports_names_through_a_module_getattr():
    lazy = [
        str(path.relative_to(ROOT))
        for path in sorted(MACROS.rglob("*.py"))
        if any(
            isinstance(node, ast.FunctionDef) and node.name == "__getattr__"
            for node in ast.parse(path.read_text(encoding="utf-8")).body
        )
    ]
    assert lazy == [], "import each name from the module that defines it"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_fallback_urls_are_mkdocs_own(directory_urls):
    for path in PATHS:
        assert engine._fallback_url(path, directory_urls) == File(path, None, "", directory_urls).url, path
    urls = [File(path, None, "", directory_urls).url for path in PATHS] + ["", "../x/", "a/./b/../c.html"]
    for url in urls:
        for other in urls:
            assert engine._fallback_relative_url(url, other) == get_relative_url(url, other), (url, other)


def test_the_fallback_front_matter_is_mkdocs_own_on_every_page():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert engine._fallback_get_data(text) == get_data(text), page


def test_the_site_config_is_read_from_mkdocs_and_from_zensical(tmp_path):
    (tmp_path / "docs").mkdir()
    mkdocs_conf = {
        "config_file_path": str(tmp_path / "mkdocs.yml"),
        "docs_dir": str(tmp_path / "docs"),
        "site_name": "Playbook",
        "use_directory_urls": False,
    }
    zensical_conf = {"root_dir": str(tmp_path), "docs_dir": "docs", "site_name": "Playbook"}
    for conf, directory_urls in ((mkdocs_conf, False), (zensical_conf, True)):
        config = engine.read_site_config(conf)
        assert (config.root, config.docs_dir) == (tmp_path.resolve(), tmp_path.resolve() / "docs")
        assert (config.site_name, config.use_directory_urls) == ("Playbook", directory_urls)


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (
            {"site_name": "P"},
            r"neither 'config_file_path' \(MkDocs, ProperDocs\) nor 'root_dir'.*keys given: \['site_name'\]",
        ),
        ({"root_dir": ".", "docs_dir": "no-such-folder", "site_name": "P"}, "no-such-folder' is not a folder"),
        ({"root_dir": ".", "docs_dir": "docs"}, "no site_name; set it in mkdocs.yml"),
        (["not", "a", "mapping"], "no configuration mapping but list"),
    ],
)
def test_a_config_without_what_the_macros_need_gets_a_clear_error(conf, message):
    with pytest.raises(engine.ConfigError, match=message):
        engine.read_site_config(conf)


# Loads macros/__init__.py as Zensical's macros extension does (zensical/extensions/macros.py, _load_module):
# as a lone file named "macros", the project folder off sys.path, and no engine importable. The environment
# mimics Zensical's MacroEnv: `conf` with `root_dir`, a page with `path`, and `macro()` to register.
LOAD_LIKE_ZENSICAL = """
import importlib.abc, importlib.util, json, sys
from pathlib import Path

class NoEngine(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "properdocs", "zensical"):
            raise ImportError(f"no engine here: {name}")

sys.meta_path.insert(0, NoEngine())
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(ROOT)]

class Page:
    def __init__(self, path):
        self.path, self.meta = path, {}

class MacroEnv:
    def __init__(self, conf, page):
        self.conf, self.page, self.variables, self.macros = conf, page, {}, {}
    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn

MacroEnv.__module__ = "zensical.extensions.macros"
spec = importlib.util.spec_from_file_location("macros", Path(ROOT) / "macros" / "__init__.py")
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
env = MacroEnv({"root_dir": ROOT, "docs_dir": "docs", "site_name": "Playbook"}, Page("assess/devops-foundations.md"))
module.define_env(env)
from macros import engine
print(json.dumps({
    "engine": engine.ENGINE,
    "checklist": env.macros["checklist"]("devops-foundations"),
    "minutes": env.macros["reading_paths_overview"](),
}))
"""


def test_the_package_loads_as_zensical_loads_it_without_an_engine(tmp_path):
    script = LOAD_LIKE_ZENSICAL.replace("ROOT", repr(str(ROOT)))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120, env={}
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["engine"] == "", "an engine was importable, so the fallbacks were not exercised"
    assert 'name="' in found["checklist"] and "<fieldset" in found["checklist"]
    assert "min" in found["minutes"]
