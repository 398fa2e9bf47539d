"""`python -m coordinated_care.confidentiality.benchmarks`: how fast a scan is and what the guard costs
in memory, for `make bench` and docs/confidentiality.md. A benchmark, not a test: the numbers depend
on the machine and on what else it is doing, so nothing here fails on a slow run.

It reports the median wall-clock time of scanning a 100-word paragraph after a warm-up, the median
CPU time of the same scans (steadier than wall-clock time when other processes share the cores),
the time to load the model, and the resident memory of the process before and after loading."""

import argparse
import json
import resource
import statistics
import sys
import time

# Synthetic, in the voice of a case study, with a few identifiers so that every recogniser works.
PARAGRAPH = (
    "I first met Mrs Begum after the duty GP asked me to follow up a missed diabetic review. She told me "
    "she had stopped coming because the bus route changed, and that her son Tariq usually drives her but "
    "now works nights. We agreed a telephone appointment, and I referred her to community transport and "
    "to Age UK for a befriender. Her daughter asked me to ring her on 07700 900123 rather than write to "
    "22 Holly Lane. In March the practice nurse reviewed her medicines. On reflection I learned to ask "
    "about carers sooner and to check people understand."
)


def rss_mib() -> float:
    """Resident memory now, from /proc where there is one, else the peak the kernel reports."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(repeats: int = 200, warmup: int = 20) -> dict:
    before = rss_mib()
    started = time.perf_counter()
    from coordinated_care.confidentiality.service import scan

    scan("warm the model up")
    load_seconds = time.perf_counter() - started
    after_load = rss_mib()
    for _ in range(warmup):
        scan(PARAGRAPH)
    wall, cpu = [], []
    for _ in range(repeats):
        t_wall, t_cpu = time.perf_counter(), time.thread_time()
        scan(PARAGRAPH)
        cpu.append(time.thread_time() - t_cpu)
        wall.append(time.perf_counter() - t_wall)
    wall.sort()
    return {
        "words": len(PARAGRAPH.split()),
        "repeats": repeats,
        "median_ms": round(statistics.median(wall) * 1000, 2),
        "p90_ms": round(wall[int(0.9 * len(wall)) - 1] * 1000, 2),
        "median_cpu_ms": round(statistics.median(cpu) * 1000, 2),
        "load_seconds": round(load_seconds, 2),
        "rss_before_mib": round(before, 1),
        "rss_after_mib": round(rss_mib(), 1),
        "rss_model_mib": round(after_load - before, 1),
        "target_ms": 20,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the confidentiality guard's scan.")
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    r = run(repeats=args.repeats)
    if args.json:
        print(json.dumps(r))
        return 0
    print(f"Confidentiality guard: scan of a {r['words']}-word paragraph, {r['repeats']} runs after warm-up")
    print(f"  median {r['median_ms']} ms (p90 {r['p90_ms']} ms), median CPU {r['median_cpu_ms']} ms; target ≤ 20 ms")
    print(f"  model load {r['load_seconds']} s")
    print(
        f"  memory (RSS): {r['rss_before_mib']} MiB before loading, {r['rss_after_mib']} MiB after"
        f" ({r['rss_model_mib']} MiB for the guard)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
