"""Rebuild the confidentiality guard's list of specific conditions from the ICD-10-CM descriptions.

    .venv/bin/python scripts/build_condition_lexicon.py

writes coordinated_care/confidentiality/lexicon/conditions.tsv: one name a person might write for a
diagnosis per line, with its ICD-10-CM code and the general wording the guard suggests instead. The
service reads only that file; the package `simple-icd-10-cm` (the US National Center for Health
Statistics' public-domain ICD-10-CM tables) is needed only to run this script.

Every term comes from the classification: the descriptions and inclusion terms of the codes in the
chapters of diseases (not symptoms, injuries or reasons for an encounter), cut down to the name a
writer uses ("Type 2 diabetes mellitus" gives "type 2 diabetes"; "Malignant neoplasm of breast"
gives "breast cancer"), spelt the British way ("ischaemic", "haemophilia") and, for eponyms, without
the apostrophe people leave out ("parkinsons"). The short forms and other spellings people write
are listed below against the code they name, and the script refuses one whose code does not exist,
so nothing here is a diagnosis the classification lacks."""

import re
import sys
from pathlib import Path

import simple_icd_10_cm as cm

OUT = Path(__file__).resolve().parent.parent / "coordinated_care/confidentiality/lexicon/conditions.tsv"

# Chapters of diseases. Left out: 15 and 16 (pregnancy, the perinatal period), 18 (symptoms and
# signs), 19 and 20 (injuries and their causes), 21 and 22 (reasons for an encounter, special codes).
CHAPTERS = {str(n) for n in range(1, 15)} | {"17"}

# The general wording suggested for a chapter, or for a block or a code within it (the longest prefix wins).
GENERAL_WORDING = {
    "1": "an infection",
    "2": "a cancer diagnosis",
    "3": "a blood condition",
    "4": "a long-term condition",
    "5": "a mental health condition",
    "6": "a neurological condition",
    "7": "a sight problem",
    "8": "a hearing problem",
    "9": "a heart condition",
    "10": "a long-term lung condition",
    "11": "a digestive condition",
    "12": "a skin condition",
    "13": "a long-term condition affecting the joints",
    "14": "a long-term condition",
    "17": "a lifelong condition",
    # Blocks and codes that read better with their own wording.
    "B20": "a long-term condition",
    "E08": "a long-term condition",
    "F01": "memory problems",
    "F02": "memory problems",
    "F03": "memory problems",
    "F70": "a learning disability",
    "F71": "a learning disability",
    "F72": "a learning disability",
    "F73": "a learning disability",
    "F78": "a learning disability",
    "F79": "a learning disability",
    "F84": "a neurodevelopmental condition",
    "F90": "a neurodevelopmental condition",
    "F10": "problems with alcohol",
    "G30": "memory problems",
    "G31": "memory problems",
    "I60": "a serious illness",
    "I61": "a serious illness",
    "I62": "a serious illness",
    "I63": "a serious illness",
    "G45": "a serious illness",
    "N18": "a long-term kidney condition",
    "N17": "a kidney condition",
    "K70": "a liver condition",
    "K74": "a liver condition",
}

# Names a writer uses that are not in the descriptions: abbreviations and other spellings, each
# against the code whose description it names. Abbreviations of four letters or fewer match only
# in capitals ("MND", not "mnd"). Left out on purpose: "UC" (Universal Credit) and "MI" (motivational
# interviewing, in every health coach's portfolio); "MS" before "Teams" is handled by the recogniser.
WRITTEN_NAMES = {
    "E10": ["type 1 diabetes", "type one diabetes", "type I diabetes", "T1DM", "T1D", "type 1 diabetic"],
    "E11": [
        "type 2 diabetes",
        "type two diabetes",
        "type II diabetes",
        "T2DM",
        "T2D",
        "type 2 diabetic",
        "type 2 diabeties",
    ],
    "J44": ["COPD", "chronic obstructive pulmonary disease", "chronic obstructive airways disease", "COAD"],
    "J43": ["emphysema", "emphasema"],
    "J84.112": ["IPF"],
    "G30": [
        "Alzheimer's",
        "Alzheimers",
        "Alzheimer",
        "Altzheimer's",
        "Altzheimers",
        "Alzhiemer's",
        "Alzhiemers",
        "Alzeimer's",
        "Alzeimers",
    ],
    "G30.0": [
        "early onset Alzheimer's",
        "early-onset Alzheimer's",
        "early onset Alzheimer's disease",
        "young onset Alzheimer's",
    ],
    "G20": ["Parkinson's", "Parkinsons", "Parkinson", "Parkinsons's", "Parkinson's disease"],
    "G35": ["MS", "multiple sclerosis", "multiple schlerosis", "relapsing remitting MS", "RRMS", "progressive MS"],
    "G12.2": ["MND", "motor neurone disease", "motor neuron disease", "motor neurone", "motor neuron"],
    "G12.21": ["ALS", "Lou Gehrig's disease"],
    "G10": ["Huntington's", "Huntingtons", "Huntington's chorea"],
    "G23.1": ["PSP", "progressive supranuclear palsy"],
    "G90.3": ["MSA", "multiple system atrophy", "multi-system atrophy"],
    "A81.0": ["CJD", "Creutzfeldt-Jakob disease", "Creutzfeldt Jakob disease"],
    "G31.83": ["Lewy body dementia", "dementia with Lewy bodies", "DLB"],
    "G31.09": ["frontotemporal dementia", "FTD"],
    "I63": ["stroke", "CVA", "cerebrovascular accident", "ischaemic stroke"],
    "I61": ["haemorrhagic stroke", "brain haemorrhage", "brain bleed"],
    "G45.9": ["TIA", "mini-stroke", "mini stroke", "transient ischaemic attack"],
    "I21": ["heart attack", "myocardial infarction", "STEMI", "NSTEMI"],
    "I50": ["heart failure", "CHF", "congestive heart failure"],
    "I48": ["AF", "atrial fibrillation", "afib", "AFib"],
    "I25": ["IHD", "ischaemic heart disease", "coronary heart disease", "CHD", "coronary artery disease", "CAD"],
    "N18": ["CKD", "chronic kidney disease", "kidney failure", "renal failure", "end stage renal failure", "ESRF"],
    "F20": ["schizophrenia", "schizophrenic", "schitzophrenia", "paranoid schizophrenia"],
    "F31": ["bipolar", "bipolar disorder", "bipolar affective disorder", "manic depression", "BPAD"],
    "F60.3": ["borderline personality disorder", "BPD", "EUPD", "emotionally unstable personality disorder"],
    "F84.0": ["autism", "autistic", "ASD", "autism spectrum disorder", "autistic spectrum disorder"],
    "F84.5": ["Asperger's", "Aspergers", "Asperger syndrome", "Asperger's syndrome"],
    "F90": ["ADHD", "attention deficit hyperactivity disorder"],
    "F43.1": ["PTSD", "post-traumatic stress disorder", "post traumatic stress disorder"],
    "F42": ["OCD", "obsessive compulsive disorder", "obsessive-compulsive disorder"],
    "F50.0": ["anorexia", "anorexia nervosa"],
    "F50.2": ["bulimia", "bulimia nervosa"],
    "F10.2": ["alcohol dependence", "alcoholism"],
    "F11.2": ["heroin addiction", "opioid dependence"],
    "B20": ["HIV", "AIDS", "HIV positive", "HIV+"],
    "B18.2": ["hepatitis C", "hep C", "HCV"],
    "B18.1": ["hepatitis B", "hep B", "HBV"],
    "A15": ["TB", "tuberculosis"],
    "K50": ["Crohn's", "Crohns", "Crohn's disease", "Crohns disease"],
    "K51": ["ulcerative colitis", "colitis"],
    "K58": ["IBS", "irritable bowel syndrome"],
    "K90.0": ["coeliac disease", "celiac disease", "coeliac"],
    "K74.6": ["cirrhosis", "liver cirrhosis", "cirrhosis of the liver"],
    "G40": ["epilepsy", "epileptic", "epilepsey"],
    "G43": ["migraines", "chronic migraine"],
    "G80": ["cerebral palsy"],
    "G93.32": ["ME/CFS", "chronic fatigue syndrome", "CFS", "myalgic encephalomyelitis"],
    "M79.7": ["fibromyalgia", "fibromyalgia syndrome"],
    "M06": ["rheumatoid arthritis"],
    "M32": ["lupus", "SLE", "systemic lupus"],
    "M45": ["ankylosing spondylitis"],
    "L40": ["psoriasis", "psoriatic arthritis"],
    "E84": ["cystic fibrosis", "CF"],
    "Q90": ["Down syndrome", "Down's syndrome", "Downs syndrome", "Down's"],
    "D57": ["sickle cell", "sickle cell disease", "sickle cell anaemia"],
    "D56": ["thalassaemia", "thalassemia"],
    "D66": ["haemophilia", "hemophilia"],
    "C50": ["breast cancer"],
    "C34": ["lung cancer"],
    "C61": ["prostate cancer"],
    "C18": ["bowel cancer", "colon cancer", "colorectal cancer"],
    "C20": ["rectal cancer"],
    "C25": ["pancreatic cancer"],
    "C16": ["stomach cancer", "gastric cancer"],
    "C15": ["oesophageal cancer", "esophageal cancer"],
    "C56": ["ovarian cancer"],
    "C53": ["cervical cancer"],
    "C67": ["bladder cancer"],
    "C64": ["kidney cancer"],
    "C22": ["liver cancer"],
    "C43": ["melanoma", "skin cancer"],
    "C71": ["brain tumour", "brain tumor", "glioblastoma"],
    "C45": ["mesothelioma"],
    "C90.0": ["myeloma", "multiple myeloma"],
    "C91": ["leukaemia", "leukemia", "CLL"],
    "C81": ["Hodgkin's lymphoma", "Hodgkin lymphoma"],
    "C85": ["lymphoma", "non-Hodgkin lymphoma", "non-Hodgkin's lymphoma"],
    "C79": ["secondary cancer", "metastatic cancer", "secondaries"],
    "E66": ["morbid obesity"],
    "E03": ["hypothyroidism", "underactive thyroid"],
    "E05": ["hyperthyroidism", "overactive thyroid"],
    "G70.0": ["myasthenia gravis"],
    "G61.0": ["Guillain-Barre syndrome", "Guillain-Barré syndrome", "GBS"],
    "G71.0": ["muscular dystrophy", "Duchenne muscular dystrophy", "DMD"],
    "G11.1": ["Friedreich's ataxia", "Friedreichs ataxia"],
    "Q85.1": ["tuberous sclerosis"],
    "Q85.0": ["neurofibromatosis", "NF1"],
    "Q79.6": ["Ehlers-Danlos syndrome", "EDS", "hypermobile Ehlers-Danlos syndrome"],
    "Q87.4": ["Marfan syndrome", "Marfan's syndrome"],
    "Q87.1": ["Prader-Willi syndrome"],
    "F84.2": ["Rett syndrome", "Rett's syndrome"],
    "Q93.51": ["Angelman syndrome"],
    "Q93.82": ["Williams syndrome"],
    "Q99.2": ["fragile X syndrome", "fragile X"],
    "E70.0": ["phenylketonuria", "PKU"],
    "D86": ["sarcoidosis"],
    "M34": ["scleroderma", "systemic sclerosis"],
    "I27.0": ["pulmonary hypertension", "PAH"],
    "K74.3": ["primary biliary cholangitis", "PBC"],
    "K83.01": ["primary sclerosing cholangitis", "PSC"],
    "G47.4": ["narcolepsy"],
    "G83.5": ["locked-in syndrome"],
    "Q78.0": ["osteogenesis imperfecta", "brittle bone disease"],
    "D84.1": ["hereditary angioedema"],
    "M35.2": ["Behcet's disease", "Behçet's disease"],
    "G12.1": ["Kennedy's disease", "spinal muscular atrophy", "SMA"],
    "E83.01": ["Wilson's disease"],
    "E74.02": ["Pompe disease"],
    "E75.21": ["Fabry disease"],
    "E75.22": ["Gaucher disease"],
    "E75.4": ["Batten disease"],
    "E75.24": ["Niemann-Pick disease"],
    "E75.02": ["Tay-Sachs disease"],
    "G71.11": ["myotonic dystrophy"],
    "Q05": ["spina bifida"],
    "J47": ["bronchiectasis"],
    "J45": ["asthma", "asthmatic", "severe asthma"],
    "G93.1": ["brain injury", "hypoxic brain injury"],
    "F03.9": ["mixed dementia"],
    "F01": ["vascular dementia"],
    "J84.10": ["pulmonary fibrosis", "idiopathic pulmonary fibrosis"],
    "I71": ["aortic aneurysm", "AAA"],
    "I26": ["pulmonary embolism"],
    "I82.4": ["DVT", "deep vein thrombosis"],
    "N80": ["endometriosis"],
    "E28.2": ["PCOS", "polycystic ovary syndrome"],
}

# Names too general to point to anyone, which the guard leaves alone (issue 16: "long-term
# conditions", "memory problems"): a writer uses them of whole populations and services.
GENERAL = {
    "cancer",
    "diabetes",
    "diabetes mellitus",
    "dementia",
    "depression",
    "anxiety",
    "obesity",
    "overweight",
    "hypertension",
    "essential hypertension",
    "influenza",
    "constipation",
    "insomnia",
    "gout",
    "sepsis",
    "pneumonia",
    "cellulitis",
    "cystitis",
    "conjunctivitis",
    "tonsillitis",
    "gastroenteritis",
    "dermatitis",
    "eczema",
    "acne",
    "sinusitis",
    "bronchitis",
    "arthritis",
    "osteoarthritis",
    "malnutrition",
    "cataract",
    "glaucoma",
    "deafness",
    "hearing loss",
    "blindness",
    "low vision",
    "otitis media",
    "dehydration",
    "hypotension",
    "anaemia",
    "anemia",
    "hernia",
    "haemorrhoids",
    "varicose veins",
    "backache",
    "neuralgia",
    "alcohol abuse",
    "frailty",
    "delirium",
    "ulcer",
    "fracture",
    "urinary tract infection",
    "pressure ulcer",
    "hyperlipidemia",
    "hyperlipidaemia",
    "vitamin d deficiency",
    "iron deficiency",
    "covid-19",
    "covid",
    "depressive episode",
    "anxiety disorder",
    "personality disorder",
    "infection",
    "disease",
    "syndrome",
    "disorder",
    "mental disorder",
    "measles",
    "mumps",
    "chickenpox",
    "scabies",
    "head lice",
    "flu",
}

DROP_WORDS = re.compile(
    r"\b(?:other|unspecified|specified|elsewhere|classified|sequelae?|encounter|history|complications?|stage"
    r"|type\s+[a-z]\b|site|part|region|nos|initial|subsequent|due|following|personal|family|screening"
    r"|abnormal|findings?|poisoning|effects?|exposure|contact|carrier|status|in\s+remission|affecting"
    r"|involving|associated|predominantly|conditions|diseases|disorders|syndromes|anomalies|malformations"
    r"|deformities|factors|neoplasms|infections|lesions|tumors)\b",
    re.IGNORECASE,
)
CUT_AT = re.compile(
    r",|\s+\((?!primary\))|\s+\[|\s+(?:with|without|of unknown|in diseases|in conditions|not)\s", re.IGNORECASE
)
BRITISH = [
    (r"ischemi", "ischaemi"),
    (r"\bhem(?=o|a|ato)", "haem"),
    (r"(?<!a)emia\b", "aemia"),
    (r"\besophag", "oesophag"),
    (r"tumor", "tumour"),
    (r"\bedema", "oedema"),
    (r"lymphedema", "lymphoedema"),
    (r"\bfetal", "foetal"),
    (r"celiac", "coeliac"),
    (r"neuron disease", "neurone disease"),
    (r"diarrhea", "diarrhoea"),
    (r"orthopedic", "orthopaedic"),
]
# A name cut from a description is kept only when it ends as a diagnosis does: a head noun or a
# medical suffix. "Acute", "chronic" or "overactive bladder" alone are not diagnoses a reader knows.
HEADS = re.compile(
    r"(?:disease|syndrome|disorder|cancer|carcinoma|sarcoma|lymphoma|leuka?emia|palsy|sclerosis|dystrophy|atrophy"
    r"|failure|fibrosis|dementia|ataxia|myopathy|neuropathy|cardiomyopathy|schizophrenia|psychosis|phobia"
    r"|itis|osis|iasis|a?emia|oma|pathy|plegia|trophy|mania|plasia|cele|ectasis|algia|rrhoea|rrhea|uria"
    r"|deficiency|aneurysm|infarction|embolism|thrombosis|hepatitis|fever|pox|anomaly|malformation)$"
)
MALIGNANT = re.compile(r"^malignant neoplasm of (?:the )?(.+)$", re.IGNORECASE)
EPONYM = re.compile(r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?)'s (disease|syndrome|chorea|ataxia|palsy)$")


def wording(code: str) -> str:
    chapter = next(a for a in cm.get_ancestors(code) if cm.is_chapter(a)) if not cm.is_chapter(code) else code
    for length in range(len(code), 2, -1):
        if code[:length] in GENERAL_WORDING:
            return GENERAL_WORDING[code[:length]]
    return GENERAL_WORDING[chapter]


def written_names(description: str) -> list[str]:
    """The names a writer uses for one ICD-10-CM description, or none when it names no one condition."""
    text = re.sub(r"\s+", " ", description).strip()
    malignant = MALIGNANT.match(text)
    if malignant:
        organs = CUT_AT.split(malignant.group(1))[0]
        if DROP_WORDS.search(organs) or len(organs.split()) > 2:
            return []
        return [f"{organ.strip()} cancer" for organ in organs.split(" and ") if organ.strip()]
    text = CUT_AT.split(text)[0].strip()
    text = re.sub(r"\s+mellitus$", "", text)
    if (
        DROP_WORDS.search(text)
        or not re.search(r"[a-z]{3}", text)
        or re.search(r"\d", text)
        and "type" not in text.lower()
    ):
        return []
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) < 5 or not HEADS.search(words[-1].lower()):
        return []
    names = [text]
    eponym = EPONYM.match(text)
    if eponym:
        person, noun = eponym.groups()
        # The eponym alone ("Parkinson's") is listed above only where writers use it: alone, most are surnames.
        names += [f"{person}s {noun}", f"{person} {noun}"]
    return names


def british(term: str) -> list[str]:
    spelt = term
    for american, british_spelling in BRITISH:
        spelt = re.sub(american, british_spelling, spelt)
    return [term] if spelt == term else [spelt, term]


def codes():
    for code in cm.get_all_codes(with_dots=True):
        if cm.is_chapter(code) or cm.is_block(code) or len(code.replace(".", "")) > 5:
            continue
        chapter = next(a for a in cm.get_ancestors(code) if cm.is_chapter(a))
        if chapter in CHAPTERS:
            yield code


def build() -> dict[str, tuple[str, str]]:
    terms: dict[str, tuple[str, str]] = {}

    def add(term: str, code: str):
        key = term.lower() if len(term) > 4 else term
        if term.lower() in GENERAL or len(term) < 2:
            return
        terms.setdefault(key, (code, wording(code)))

    for code, names in WRITTEN_NAMES.items():
        if not cm.is_valid_item(code):
            raise SystemExit(f"{code} is not an ICD-10-CM code: each written name must name one")
        for name in names:
            for spelt in british(name):
                add(spelt, code)
    for code in codes():
        for description in [cm.get_description(code), *cm.get_inclusion_term(code)]:
            for name in written_names(description):
                for spelt in british(name):
                    add(spelt, code)
    return terms


def main() -> int:
    terms = build()
    lines = [
        "# Specific conditions, derived from the ICD-10-CM descriptions by scripts/build_condition_lexicon.py:",
        "# edit that script and run it again rather than this file. One name a writer uses per line:",
        "# term<TAB>ICD-10-CM code<TAB>general wording the guard suggests instead.",
    ]
    for term in sorted(terms, key=str.lower):
        code, general = terms[term]
        lines.append(f"{term}\t{code}\t{general}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(terms)} terms written to {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
