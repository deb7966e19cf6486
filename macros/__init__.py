"""mkdocs-macros entry point: registers thin wrappers; the logic lives in the sibling modules.

Imports are absolute and the engine is reached only through macros/engine.py, so that Zensical's macros
extension can load this file too (docs/reference/engines.md).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if "macros" not in sys.modules:
    # Zensical's macros extension runs this file without registering it in sys.modules, and the project
    # folder is not on sys.path, so neither `from . import x` nor `import macros.x` would find a module.
    # Registering the package under its name first lets the imports below find it.
    _folder = [str(Path(__file__).parent)]
    _spec = importlib.util.spec_from_file_location("macros", __file__, submodule_search_locations=_folder)
    sys.modules["macros"] = importlib.util.module_from_spec(_spec)
    try:
        _spec.loader.exec_module(sys.modules["macros"])
    except BaseException:
        del sys.modules["macros"]  # as importlib does: a failed import leaves no half-made module behind
        raise

from macros import assessment_pages, decision, engine, examples, facts, glossary, paths, teams
from macros.browser_model import model_json
from macros.data import DataError
from macros.html import relative_source_path, use_directory_urls
from macros.pages import page_title
from macros.project import ProjectMetadataError, read_project
from macros.reading_time import reading_minutes
from macros.registry import load_registry

SOURCES_PAGE = "reference/sources.md"


def define_env(env) -> None:
    engine.adapt_env(env)
    env.cited_facts = {}
    try:
        config = engine.read_site_config(env.conf)
        root, docs_dir = config.root, config.docs_dir
        # Every URL the macros write comes from the engine's file model under the site's own URL style.
        use_directory_urls(config.use_directory_urls)
        project = read_project(root)
        registry = load_registry(root / "data", docs_dir)
    except (DataError, ProjectMetadataError, engine.ConfigError) as error:
        raise engine.BuildError(f"{error}\nThe build stops here: fix the data above and build again.") from error
    env.registry = registry
    playbook = {
        "name": config.site_name,
        "version": project.version,
        "build_date": project.build_date.isoformat(),
    }
    env.variables["playbook"] = playbook
    # Theme templates (footer, PDF cover) read the same values through config.extra.
    env.conf["extra"]["playbook"] = playbook

    @env.macro
    def fact(fact_id: str) -> str:
        """A figure from data/facts.yml with a footnote citing its source."""
        item = facts.lookup(registry.facts, fact_id)
        env.cited_facts[item.id] = item
        return facts.render_fact(item)

    @env.macro
    def cite(fact_id: str) -> str:
        """Only the footnote marker, for a fact stated in the sentence itself."""
        item = facts.lookup(registry.facts, fact_id)
        env.cited_facts[item.id] = item
        return facts.footnote_marker(item)

    @env.macro
    def sources() -> str:
        """Every fact in the registry, grouped by source (the sources page)."""
        return facts.render_sources(list(registry.facts.values()))

    @env.macro
    def glossary_list() -> str:
        """Every glossary term with its definition (the glossary page)."""
        return glossary.render_glossary(registry.terms)

    assessment = registry.assessment
    # The browser's copy of the rules, one file for every page: hooks/assets.py writes it as
    # assets/javascripts/assessment-model.js, which playbook.js loads with the assessment scripts.
    env.conf["extra"]["assessment_model"] = model_json(assessment, project.version)
    checklist_pages = {name: f"assess/{name}.md" for name in assessment.rules.checklists}

    @env.macro
    def checklist(checklist_id: str) -> str:
        """An interactive readiness checklist from data/checklists/<id>.yml."""
        src = env.page.file.src_path
        titles = {item.learn_more: page_title(docs_dir, item.learn_more) for item in assessment.all_items().values()}
        return assessment_pages.render_checklist(assessment, checklist_id, src, titles)

    @env.macro
    def assessment_scope() -> str:
        """The reader's choice of classic ML, generative AI or both, kept with their answers."""
        return assessment_pages.render_scope_choice(assessment)

    @env.macro
    def answer_scale() -> str:
        """The answer scale and the points each answer earns, from data/assessment.yml."""
        return assessment_pages.render_scale(assessment)

    @env.macro
    def verdict_rules() -> str:
        """The verdict levels and what reaches each one, from data/assessment.yml."""
        return assessment_pages.render_verdict_rules(assessment, env.page.file.src_path, checklist_pages)

    @env.macro
    def verdict(level_id: str) -> str:
        """A verdict's name, linked to its row in the verdict rules (data/assessment.yml, levels)."""
        return decision.verdict_link(assessment, level_id, env.page.file.src_path)

    def here() -> str:
        return env.page.file.src_path

    @env.macro
    def checklist_count() -> str:
        """How many checklists the assessment has, as a word."""
        return decision.number_word(len(assessment.rules.checklists))

    @env.macro
    def checklist_links() -> str:
        """Every checklist, linked, in the order readers take them."""
        return decision.checklist_links(assessment, here())

    @env.macro
    def checklist_order() -> str:
        """The checklists as a numbered list with what each covers and when it counts."""
        return decision.checklist_order(assessment, here())

    @env.macro
    def first_checklist() -> str:
        """A link to the checklist readers take first."""
        return decision.checklist_link(assessment, assessment.rules.checklists[0], here())

    @env.macro
    def weights_used() -> str:
        """The item weights in use, e.g. '1 or 2'."""
        return decision.weights_used(assessment)

    @env.macro
    def next_actions_count() -> str:
        """How many next actions the report lists, as a word."""
        return decision.number_word(assessment.rules.next_actions)

    @env.macro
    def critical_rule() -> str:
        """The critical-item rule in one sentence, from the scale."""
        return decision.critical_rule(assessment)

    @env.macro
    def critical_items(checklist_id: str) -> str:
        """The critical items of one checklist, linked."""
        return decision.critical_items(assessment, checklist_id, here())

    @env.macro
    def item_link(item_id: str) -> str:
        """A checklist item's title, linked to the item on its checklist page."""
        return decision.item_link(assessment, item_id, here())

    @env.macro
    def item_cap(item_id: str, value: str) -> str:
        """What an observation means for one checklist item: its answer is at most `value`."""
        return decision.item_cap(assessment, item_id, value, here())

    @env.macro
    def threshold(level_id: str, checklist_id: str) -> str:
        """The score a checklist needs for a verdict, e.g. '75 %'."""
        return decision.threshold(assessment, level_id, checklist_id)

    @env.macro
    def level_conditions(level_id: str) -> str:
        """What it takes to reach a verdict, as a list of its conditions."""
        return decision.level_conditions(assessment, level_id, here())

    @env.macro
    def pdf_download() -> str:
        """How to get this version's PDF in the build being made (site, PDF build or offline bundle)."""
        extra = env.conf["extra"]
        return decision.pdf_download(
            here(),
            extra.get("pdf"),
            extra["pdf_file"],
            # Plugin names as the engine lists them ("material/offline" under MkDocs); none under Zensical.
            any(str(name).split("/")[-1] == "offline" for name in (env.conf.get("plugins") or {})),
            extra["published_url"],
            project.version,
        )

    @env.macro
    def worked_examples() -> str:
        """Every case file in data/examples/, scored by the same rules as the report."""
        return examples.render_examples(
            assessment, registry.examples, env.page.file.src_path, project.version, project.build_date.isoformat()
        )

    @env.macro
    def scoring_sheet() -> str:
        """Every item's points per answer and the verdict steps, to total by hand or in print."""
        return assessment_pages.render_scoring_sheet(assessment, env.page.file.src_path, checklist_pages)

    @env.macro
    def readiness_report() -> str:
        """The readiness report: verdict, scores, action plan, export, import, share and milestones."""
        return assessment_pages.render_report(env.page.file.src_path)

    @env.macro
    def team_view() -> str:
        """The team view: compares several exported answer files in the browser."""
        return assessment_pages.render_team_view(env.page.file.src_path)

    @env.macro
    def assessment_model() -> str:
        """The scoring rules as JSON for the browser; the same data the Python scoring uses."""
        return assessment_pages.render_model(assessment, project.version)

    _define_teams_macros(env, registry.topology)
    _define_path_macros(env, registry.paths, docs_dir)
    env.sources_url_from = lambda src_path: relative_source_path(src_path, SOURCES_PAGE)


def _define_teams_macros(env, topology: teams.Topology) -> None:
    """The teams pages (data/teams/): cards, the responsibility matrix and diagrams."""

    def here() -> str:
        return env.page.file.src_path

    @env.macro
    def role_card(role_id: str) -> str:
        """One role: focus, what it brings, what it needs, where it is accountable."""
        return teams.render_role_card(topology, role_id, here())

    @env.macro
    def role_cards() -> str:
        """A card for every role, in data order."""
        return teams.render_role_cards(topology, here())

    @env.macro
    def responsibility_matrix() -> str:
        """Roles by lifecycle stages, one RACI letter per cell, with its key."""
        return teams.render_matrix(topology, here())

    @env.macro
    def team_type_card(type_id: str) -> str:
        """A team type for ML with what it owns, offers, its roles and its diagram."""
        return teams.render_team_type_card(topology, type_id, here())

    @env.macro
    def team_diagram(type_id: str) -> str:
        """The diagram of one team type alone."""
        return teams.render_team_diagram(topology, type_id)

    @env.macro
    def before_after_diagrams() -> str:
        """The handover organisation beside the ML product team enabled by a platform."""
        return teams.render_before_after(topology)

    @env.macro
    def lifecycle_loop() -> str:
        """The lifecycle stages as a loop diagram, from data/teams/stages.yml."""
        return teams.render_lifecycle_loop(topology)

    @env.macro
    def lifecycle_table() -> str:
        """The lifecycle stages as a table, the same list as the loop diagram (data/teams/stages.yml)."""
        return teams.render_lifecycle_table(topology)

    @env.macro
    def role_changes() -> str:
        """What changes for each role between the two organisations, as a table."""
        return teams.render_role_changes(topology)

    @env.macro
    def interaction_modes() -> str:
        """The interaction modes: how diagrams draw them, and a table of when to use each."""
        return teams.render_modes(topology)

    @env.macro
    def topology_evolution() -> str:
        """How interactions change from one ML product to many, one diagram per phase."""
        return teams.render_evolution(topology)

    @env.macro
    def team_api_template() -> str:
        """A printable Team API form."""
        return teams.render_team_api(topology)

    @env.macro
    def composition_check() -> str:
        """Tick the roles in your team; see uncovered stages and the team type it resembles."""
        return teams.render_composition_check(topology)


def _define_path_macros(env, reading_paths: paths.PathsFile, docs_dir: Path) -> None:
    """Role-based reading paths (data/paths.yml): the paths page, each path page, and the browser's copy."""
    minutes_cache: dict[str, int] = {}

    def render_elsewhere(markdown: str) -> str:
        # Expand another page's macros as its own build does, without leaving its citations on this page.
        cited = dict(env.cited_facts)
        try:
            return env.env.from_string(markdown).render(**env.variables)
        finally:
            env.cited_facts.clear()
            env.cited_facts.update(cited)

    def minutes(page: str) -> int:
        if page not in minutes_cache:
            minutes_cache[page] = paths.minutes_of(docs_dir, page, render_elsewhere)
        return minutes_cache[page]

    def titles(page: str) -> str:
        return page_title(docs_dir, page)

    # hooks/assets.py writes this as assets/javascripts/paths-data.js, for paths.js. Its URLs follow
    # `use_directory_urls`, which is only final once pages are built, so on_pre_page_macros refreshes it.
    env.reading_paths_payload = lambda: reading_paths.to_payload(titles)
    env.conf["extra"]["reading_paths"] = env.reading_paths_payload()

    @env.macro
    def reading_path(path_id: str) -> str:
        """One path's reading plan: steps with reading times, why they matter, questions, total, go deeper."""
        return paths.render_path(reading_paths, path_id, env.page.file.src_path, minutes, titles)

    @env.macro
    def reading_paths_overview() -> str:
        """Every path with its audience, number of steps and total reading time (the paths page)."""
        return paths.render_overview(reading_paths, env.page.file.src_path, minutes)


def on_pre_page_macros(env) -> None:
    env.cited_facts = {}
    # Every URL a macro writes follows the setting pages are built with (off in the offline bundle).
    use_directory_urls(env.conf.get("use_directory_urls", True))
    env.conf["extra"]["reading_paths"] = env.reading_paths_payload()


def on_post_page_macros(env) -> None:
    # env.page is a shallow copy of the page, so its meta is the real page's dict and
    # overrides/main.html can show the value.
    env.page.meta["reading_minutes"] = reading_minutes(env.markdown)
    appendix = []
    sources_url = env.sources_url_from(env.page.file.src_path)
    appendix += [facts.footnote_definition(item, sources_url) for item in env.cited_facts.values()]
    # Each glossary term gets its tooltip once per page, at its first use outside headings.
    env.markdown = glossary.mark_first_uses(env.markdown, env.registry.terms)
    env.markdown = env.markdown.rstrip("\n") + "\n\n" + "\n\n".join(part for part in appendix if part) + "\n"
