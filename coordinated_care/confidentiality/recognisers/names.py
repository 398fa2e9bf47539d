"""Person names (confirm): with and without titles, hyphenated, with apostrophes, accented, in lower
case, and from every community a practice serves.

spaCy's small English model finds only some names, and misses most lone first names and names in
lower case. So the model's PERSON entities are one signal among several: a title ("mrs hussain"),
our own lexicon of given names, a capitalised word that is neither English nor a known place, and
the words around a name ("her son, ...", "... said"). Given names that are also ordinary words
("Hope", "Grace", "May") need one of those surrounding signals before they count."""

from coordinated_care.confidentiality import lexicon

from . import name_cues as cues
from .base import Recogniser, result
from .words import Word, build_words

# Entity labels that make a capitalised word an organisation, a place or a time rather than a person.
NOT_PERSON_LABELS = frozenset(
    "GPE LOC FAC ORG NORP DATE TIME EVENT PRODUCT LAW LANGUAGE WORK_OF_ART MONEY QUANTITY".split()
)


# Given names that are also auxiliary verbs.
AUXILIARIES = frozenset("will may can might must shall".split())


class PersonNameRecogniser(Recogniser):
    entities = ("PERSON",)

    def __init__(self, nlp):
        super().__init__()
        self.english = cues.english_words(nlp)
        self.stop_words = frozenset(nlp.Defaults.stop_words)

    def find(self, text, doc):
        if doc is not None:
            yield from NameReading(doc, text, self.english, self.stop_words).spans()


class NameReading:
    """One pass over one text. State lives here, not on the recogniser, which threads share."""

    def __init__(self, doc, text, english, stop_words):
        self.doc = doc
        self.text = text  # doc.text is rebuilt from the tokens on every access
        self.english = english
        self.stop_words = stop_words
        self.words = build_words(doc, text)
        self.found = {}  # (first word, last word) -> (score, detail)

    def spans(self):
        self._titles()
        self._model_entities()
        self._lexicon_and_shape()
        return self._merged()

    # Predicates over one word -------------------------------------------------------------------

    def is_english(self, w: Word) -> bool:
        return cues.is_english(w.folded.strip("'"), self.english)

    def is_given_name(self, w: Word) -> bool:
        names = lexicon.first_names()
        return w.folded in names or ("-" in w.folded and all(p in names for p in w.folded.split("-")))

    def is_ambiguous(self, w: Word) -> bool:
        return w.folded in lexicon.ambiguous_names() or w.folded in cues.MONTHS_AND_DAYS

    def is_never_a_name(self, w: Word) -> bool:
        folded = w.folded.strip("'")
        return (
            cues.MEDICINE.search(folded) is not None
            or cues.is_brand_shaped(w.text)
            or folded in lexicon.places()
            or folded in lexicon.allowed_words()
            or folded in cues.MONTHS_AND_DAYS
            or folded in cues.TITLES
            or folded in cues.ORG_HEADS
        )

    def surname_like(self, w: Word) -> bool:
        return (
            (w.capitalised or w.folded in cues.NAME_PARTICLES)
            and not self.is_never_a_name(w)
            and w.folded not in self.stop_words
        )

    def next_word(self, i: int, allow_dot: bool = False, allow_possessive: bool = False) -> Word | None:
        """The following word when only spaces (or a title's full stop) stand between."""
        if i + 1 >= len(self.words) or (self.words[i].possessive and not allow_possessive):
            return None
        gap = self.text[self.words[i].end : self.words[i + 1].start].strip()
        if allow_possessive and self.words[i].possessive:
            gap = gap.removeprefix("'s").removeprefix("’s").removeprefix("'").removeprefix("’").strip()
        if gap == "" or (allow_dot and gap == "."):
            return self.words[i + 1]
        return None

    def previous_words(self, i: int, count: int = 3) -> list[Word]:
        return self.words[max(0, i - count) : i]

    def gap_before(self, i: int) -> str:
        return self.text[self.words[i - 1].end : self.words[i].start] if i > 0 else ""

    # Rules --------------------------------------------------------------------------------------

    def add(self, first: int, last: int, score: float, detail: str):
        current = self.found.get((first, last))
        if current is None or current[0] < score:
            self.found[(first, last)] = (score, detail)

    def _titles(self):
        for i, w in enumerate(self.words):
            if w.folded.rstrip(".") not in cues.TITLES:
                continue
            last = i
            for position in range(3):
                # "Mrs J. Smith": a full stop may follow the title or an initial.
                nxt = self.next_word(last, allow_dot=last == i or len(self.words[last].text) == 1)
                if nxt is None or not self._after_title(w, nxt, first=position == 0):
                    break
                last += 1
            if last > i:
                self.add(i, last, 0.95, "It follows a title such as Mrs or Mr.")

    def _after_title(self, title: Word, w: Word, first: bool) -> bool:
        if w.folded in cues.TITLES or w.folded in cues.PERSON_VERBS:
            return False
        if w.folded in cues.NAME_PARTICLES:  # "Mrs van der Merwe"
            return True
        if len(w.text) == 1 and w.text.isupper() and (w.text not in "AI" or self.text[w.end : w.end + 1] == "."):
            return True  # an initial: "Mrs J. Smith" ("A" and "I" are words too)
        if w.folded in self.stop_words:
            return False
        if w.capitalised or w.upper:
            return w.folded not in cues.ORG_HEADS
        if not first or not w.lower:
            return False
        # "Mr", "Mrs", "Ms" and "Mx" are never anything but titles, so even "mr smith" is a name;
        # "Dr" and "Miss" need a word that cannot be ordinary English after them.
        if title.folded.rstrip(".") in cues.LOWER_TITLES and title.folded.rstrip(".") != "dr":
            return True
        return not self.is_english(w)

    def _model_entities(self):
        index_of = {w.first_token: k for k, w in enumerate(self.words)}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            covered = [index_of[t] for t in range(ent.start, ent.end) if t in index_of]
            covered = [k for k in covered if self.words[k].folded not in cues.TITLES]
            if not covered:
                continue
            first, last = covered[0], covered[-1]
            if self.leads_to_organisation(last) or any(self.words[k].folded in cues.ORG_HEADS for k in covered):
                continue
            if first == last:
                w = self.words[first]
                if self.is_never_a_name(w) or (self.is_english(w) and not self.is_given_name(w)):
                    continue
                if self.is_ambiguous(w) and not self.has_person_context(first):
                    continue
            self.add(first, last, 0.85, "The language model recognised it as a name.")

    def _lexicon_and_shape(self):
        for i, w in enumerate(self.words):
            if self.is_never_a_name(w) and not self.is_given_name(w):
                continue
            if self.is_given_name(w):
                self._given_name(i, w)
            elif w.capitalised and not self.is_english(w):
                self._unknown_capitalised(i, w)
            elif w.lower and not self.is_english(w) and len(w.text) >= 3 and w.folded not in self.stop_words:
                if self._after_determiner(i):
                    continue
                if self.has_person_context(i):
                    self.add(i, i, 0.5, "It is used like a name.")
            elif not w.sentence_start and self.has_apposition(i) and (w.capitalised or not self.is_english(w)):
                self.add(i, i, 0.6, "It names a person.")

    def _given_name(self, i: int, w: Word):
        if w.lower and w.folded in AUXILIARIES:
            return  # "the coordinator will call": in lower case these are verbs
        if self.is_ambiguous(w):
            if self.has_person_context(i) or (
                w.capitalised and not w.sentence_start and self._named_mid_sentence(i, w)
            ):
                self.add(i, i, 0.7, "It is a first name, used here for a person.")
            return
        if self.leads_to_organisation(i):
            return
        if w.capitalised:
            self.add(i, i, 0.8, "It is a first name.")
        elif w.upper and len(w.text) >= 4:
            self.add(i, i, 0.7, "It is a first name.")
        elif w.lower:
            # Given names that are also lower-case words ("rose", "will") are in the ambiguous list,
            # so a lower-case "john" or "mohammed" is a name even though the dictionary knows it.
            self.add(i, i, 0.6, "It is a first name, even in lower case.")

    def _named_mid_sentence(self, i: int, w: Word) -> bool:
        """A capitalised "Hope" mid-sentence is a name unless it is a month, part of an organisation
        ("Good Hope Hospital") or a date ("in May")."""
        if w.folded in cues.MONTHS_AND_DAYS or w.ent in NOT_PERSON_LABELS:
            return False
        if self.leads_to_organisation(i):
            return False
        previous = self.words[i - 1] if i > 0 else None
        return not (previous and previous.capitalised and not previous.sentence_start)

    def _unknown_capitalised(self, i: int, w: Word):
        # The small model often calls a lone unfamiliar name an organisation or a place; a one-word
        # organisation that is not in our lists is more often a name in these texts.
        if w.ent in NOT_PERSON_LABELS and not self._lone_organisation(w) and not self.has_person_context(i):
            return
        if self.leads_to_organisation(i):
            return
        previous = self.words[i - 1] if i > 0 else None
        if previous and previous.folded in cues.PLACE_PREPOSITIONS and not self.gap_before(i).strip():
            return
        if w.sentence_start:
            if self.has_person_context(i):
                self.add(i, i, 0.6, "It is used like a name.")
        else:
            self.add(i, i, 0.6, "It looks like a name.")

    def _after_determiner(self, i: int) -> bool:
        """'the prescriber', 'our befriender': a lower-case word after a determiner is a common noun."""
        before = self.previous_words(i, 2)
        determiners = {"the", "a", "an", "this", "that", "these", "those", "our", "my", "his", "her", "their", "your"}
        return any(w.folded in determiners for w in before) and not self.gap_before(i).strip()

    def _lone_organisation(self, w: Word) -> bool:
        ent = self.doc[w.first_token]
        return (
            w.ent == "ORG"
            and ent.ent_iob_ == "B"
            and (w.last_token + 1 >= len(self.doc) or self.doc[w.last_token + 1].ent_iob_ != "I")
        )

    # Context ------------------------------------------------------------------------------------

    def leads_to_organisation(self, i: int) -> bool:
        """True when this word starts or belongs to "Queen Elizabeth Hospital" or "Acorns Children's Hospice"."""
        k = i
        for _ in range(3):
            nxt = self.next_word(k, allow_possessive=True)
            if nxt is None:
                return False
            if nxt.lower and nxt.folded in cues.EPONYM_HEADS:
                return True
            if not (nxt.capitalised or nxt.upper):
                return False
            if nxt.folded in cues.ORG_HEADS or nxt.folded.rstrip("s") in cues.ORG_HEADS:
                return True
            if nxt.folded in cues.EPONYM_HEADS:  # "Caldicott principles", "an Alexa device"
                return True
            k += 1
        return False

    def has_apposition(self, i: int) -> bool:
        """'her son, Dev' or 'the patient Aisha' or 'a man called ...'."""
        before = self.previous_words(i, 1)
        if not before:
            return False
        gap = self.gap_before(i).strip()
        previous = before[0]
        if gap in ("", ",") and previous.folded in cues.PERSON_NOUNS:
            return True
        if gap == "" and previous.folded == "of" and i >= 2 and self.words[i - 2].folded in cues.RELATIONS:
            return True
        return gap == "" and previous.folded in cues.NAME_INTRODUCERS

    def has_person_context(self, i: int) -> bool:
        w = self.words[i]
        if self.has_apposition(i):
            return True
        nxt = self.next_word(i)
        if nxt is not None and nxt.folded in cues.PERSON_VERBS:
            return True
        if nxt is not None and w.capitalised and self.surname_like(nxt) and not self.leads_to_organisation(i):
            if not w.sentence_start or not self.is_english(nxt) or self.is_given_name(nxt):
                return True
        if w.possessive and i + 1 < len(self.words) and self.words[i + 1].folded in cues.PERSON_NOUNS:
            return True
        if self._copula_with_person_noun(i):
            return True
        if nxt is not None and nxt.folded == "and" and i + 2 < len(self.words):
            if self.words[i + 2].folded in ("her", "his", "their"):
                return True
        return self._object_of_contact(i)

    def _copula_with_person_noun(self, i: int) -> bool:
        """'Hope is the patient's granddaughter'."""
        following = self.words[i + 1 : i + 6]
        if not following or following[0].folded not in ("is", "was"):
            return False
        if len(following) > 1 and following[1].folded in cues.PERSON_STATES:
            return True
        for w in following[1:]:
            if w.folded in cues.PERSON_NOUNS:
                return True
            if w.folded not in ("the", "a", "an", "his", "her", "their", "my", "our", "patient", "patients", "s"):
                return False
        return False

    def _object_of_contact(self, i: int) -> bool:
        before = self.previous_words(i, 2)
        if not before or self.gap_before(i).strip():
            return False
        if before[-1].folded in cues.CONTACT_LINKS and len(before) == 2:
            return before[0].folded in cues.CONTACT_VERBS
        return before[-1].folded in cues.CONTACT_VERBS

    # Output -------------------------------------------------------------------------------------

    def _extend(self, first: int, last: int) -> tuple[int, int]:
        for _ in range(2):
            nxt = self.next_word(last)
            if nxt is None or not self.surname_like(nxt) or self.leads_to_organisation(last):
                break
            last += 1
        while first > 0 and self.next_word(first - 1) is self.words[first]:
            previous = self.words[first - 1]
            if previous.capitalised and (self.is_given_name(previous) and not self.is_ambiguous(previous)):
                first -= 1
            else:
                break
        return first, last

    def _merged(self):
        spans = sorted(
            (self._extend(first, last), score, detail) for (first, last), (score, detail) in self.found.items()
        )
        merged = []
        for (first, last), score, detail in spans:
            if merged and first <= merged[-1][1] + 1 and self._adjacent(merged[-1][1], first):
                previous_first, previous_last, previous_score, previous_detail = merged[-1]
                best = (score, detail) if score > previous_score else (previous_score, previous_detail)
                merged[-1] = (previous_first, max(previous_last, last), *best)
            else:
                merged.append((first, last, score, detail))
        for first, last, score, detail in merged:
            yield result("PERSON", self.words[first].start, self.words[last].end, score, detail=detail)

    def _adjacent(self, previous_last: int, first: int) -> bool:
        return first <= previous_last or self.next_word(previous_last, allow_dot=True) is self.words[first]
