"""The soak run's own parts (make soak runs the whole, against make serve): finding gunicorn's
workers and their memory, the report, and its section of docs/benchmarks.md."""

import os
from collections import Counter

from coordinated_care.nonprod import loadclient, soak


def test_the_process_group_holds_this_process():
    assert os.getpid() in soak.process_group(os.getpgrp())


def a_soak(statuses):
    result = loadclient.Result(
        latencies_ms=[10.0] * sum(statuses.values()),
        statuses=Counter(statuses),
        seconds=60,
        client_cpu_seconds=1,
        connections=1,
        clients=50,
    )
    return soak.Soak(
        clients=50,
        seconds=600,
        workers=2,
        learners=1000,
        pages=["learner home"],
        result=result,
        memory_start={11: 200.0, 12: 210.0},
        memory_peak={11: 240.0, 12: 230.0, 13: 190.0},
        memory_end={11: 220.0, 13: 190.0},
    )


def test_the_report_counts_every_answer_that_was_not_200_and_names_replaced_workers():
    run = a_soak({200: 990, 500: 7, "error": 3})
    assert run.errors == 10
    text = soak.render(run, machine="m", database="d", services="s", code="c", date="2026-12-01")
    assert "| 1,000 | 16.7 | 10 | 10 | 200: 990, 500: 7, error: 3 | 10 |" in text
    assert "| 11 | 200 | 240 | 220 |" in text
    assert "Workers replaced during the run: 12, 13." in text


def test_the_soak_section_replaces_only_its_own(tmp_path):
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nThe bench's own section.\n")
    first = soak.render(a_soak({200: 10}), machine="m", database="d", services="s", code="c", date="1")
    soak.write_docs(docs, first)
    second = soak.render(a_soak({200: 20}), machine="m", database="d", services="s", code="c", date="2")
    soak.write_docs(docs, second)
    text = docs.read_text()
    assert text.startswith("# Benchmarks\n\nThe bench's own section.\n")
    assert text.count("## Soak") == 1 and "Measured 2 by" in text and "Measured 1 by" not in text
