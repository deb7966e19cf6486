"""hooks/assets.py: one stylesheet of ours per page, and the widgets' data as scripts loaded on demand."""

from __future__ import annotations

import json
import re

import pytest
from mkdocs.exceptions import PluginError

from hooks import assets
from tests.support.site import ROOT

STYLESHEETS = ROOT / "docs" / "assets" / "stylesheets"


def test_every_stylesheet_is_bundled_in_the_fixed_order():
    bundle = assets.bundle_stylesheets(STYLESHEETS)
    # A rule from each file, in order: the cascade depends on it.
    firsts = []
    for name in assets.STYLESHEETS:
        compacted = assets.compact((STYLESHEETS / name).read_text(encoding="utf-8"))
        first_rule = compacted.splitlines()[0]
        firsts.append(bundle.index(compacted))
        assert first_rule in bundle, name
    assert firsts == sorted(firsts)
    assert "@media print" in bundle


def test_compact_drops_comments_and_indentation_only():
    css = "/* a note\n   over lines */\n.a {\n  color: red; /* why */\n}\n\n@media print {\n  .b { margin: 0 }\n}\n"
    assert assets.compact(css) == ".a {\ncolor: red;\n}\n@media print {\n.b { margin: 0 }\n}\n"


def test_a_stylesheet_missing_from_the_list_stops_the_build(tmp_path):
    for name in assets.STYLESHEETS:
        (tmp_path / name).write_text(".x{}", encoding="utf-8")
    (tmp_path / "forgotten.css").write_text(".y{}", encoding="utf-8")
    with pytest.raises(PluginError, match="forgotten.css"):
        assets.bundle_stylesheets(tmp_path)


def test_data_scripts_define_a_global_and_refuse_bad_json():
    script = assets.data_script("pathsPayload", {"text": "</script> & more"})
    assert script.startswith("window.MRP = window.MRP || {}\nMRP.pathsPayload = ")
    assert json.loads(script.split(" = ", 2)[2]) == {"text": "</script> & more"}
    with pytest.raises(ValueError):
        assets.data_script("assessmentModel", "{not json")


def test_pages_load_one_stylesheet_and_one_script_of_ours(built_site):
    for page in ("index.html", "why-mlops/index.html", "assess/report/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        ours_css = re.findall(r'href="[^"]*assets/stylesheets/(?!main\.|palette\.)([^"]+)"', html)
        ours_js = re.findall(r'src="[^"]*assets/javascripts/(?!bundle\.)([^"]+)"', html)
        assert ours_css == ["site.css"], page
        assert ours_js == ["playbook.js"], page
        assert "data-mrp-model=" not in html and "data-mrp-paths=" not in html, page
    for generated in ("assets/stylesheets/site.css", assets.PATHS_DATA, assets.MODEL_DATA):
        assert (built_site / generated).is_file(), generated
