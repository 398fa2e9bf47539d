"""Identifiers with a fixed shape: NHS numbers, UK postcodes, UK phone numbers and email addresses.
Each one blocks a save, so each pattern is checked (a check digit, a digit count, a letter rule)
before it is reported, to keep ordinary numbers in a reflection from being refused."""

import re

from .base import Recogniser, result

NHS_NUMBER = re.compile(r"(?<![\w+/.()-])([1-9]\d{2})([ -]?)(\d{3})\2(\d{4})(?![\w/-]|\.\d)")
NHS_CUE = re.compile(r"\bnhs\b|\bchi\b", re.IGNORECASE)
# Ten digits grouped any other way, "943.476.5919" or "943 476 591 9": reported only when the check
# digit is valid, since ordinary numbers take these shapes too.
NHS_NUMBER_LOOSE = re.compile(r"(?<![\w+/.()-])(?<!\d[ .-])[1-9](?:[ .-]?\d){9}(?![\w/-]|[ .-]?\d)")


def nhs_check_digit_is_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10..2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


class NhsNumberRecogniser(Recogniser):
    entities = ("NHS_NUMBER",)

    def find(self, text, doc):
        strict = []
        for match in NHS_NUMBER_LOOSE.finditer(text):
            if NHS_NUMBER.fullmatch(match.group()) is None and nhs_check_digit_is_valid(
                re.sub(r"\D", "", match.group())
            ):
                strict.append(match.span())
                yield result("NHS_NUMBER", *match.span(), 0.9, detail="Its check digit is valid.")
        for match in NHS_NUMBER.finditer(text):
            digits = match.group(1) + match.group(3) + match.group(4)
            if nhs_check_digit_is_valid(digits):
                yield result("NHS_NUMBER", match.start(), match.end(), 1.0, detail="Its check digit is valid.")
            else:
                # A mistyped NHS number identifies a patient just as well, so ten digits in the NHS
                # shape block too, with a lower score and a reason the author can recognise.
                near_cue = NHS_CUE.search(text, max(0, match.start() - 40), match.start())
                yield result(
                    "NHS_NUMBER",
                    match.start(),
                    match.end(),
                    0.8 if near_cue else 0.6,
                    detail="It has ten digits like an NHS number.",
                )


# Outward code, optional space, inward code; the inward letters never use C, I, K, M, O or V.
POSTCODE = re.compile(
    r"(?<![\w-])((?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)) ?(\d[ABD-HJLNP-UW-Z]{2})(?![\w-])", re.IGNORECASE
)
ORDINAL = re.compile(r"(?:1st|2nd|3rd|[04-9]th)$")


class PostcodeRecogniser(Recogniser):
    entities = ("POSTCODE",)

    def find(self, text, doc):
        for match in POSTCODE.finditer(text):
            if ORDINAL.match(match.group(2)):  # "WS1 2nd session" is a workshop and an ordinal
                continue
            yield result("POSTCODE", match.start(), match.end(), 0.9)


_PREFIX = r"(?:(?:\+|00)\s?44[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)"
PHONE_SHAPES = [
    re.compile(rf"(?<![\w+/.]){_PREFIX}\d{{1,4}}\)?(?:[\s.-]?\d{{2,6}}){{1,{groups}}}(?![\d/]|\.\d)")
    for groups in (3, 2, 1)
]


def national_digits(candidate: str) -> str:
    digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif candidate.lstrip().startswith("+44"):
        digits = "0" + digits[2:]
    return digits


def is_uk_phone_number(candidate: str) -> bool:
    digits = national_digits(candidate)
    # 01/02 geographic, 03 non-geographic, 05 corporate, 07 mobile, 08 free and special, 09 premium.
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789"


class PhoneNumberRecogniser(Recogniser):
    entities = ("PHONE_NUMBER",)

    def find(self, text, doc):
        position = 0
        while match := PHONE_SHAPES[0].search(text, position):
            found = None
            for shape in PHONE_SHAPES:
                attempt = shape.match(text, match.start())
                if attempt and is_uk_phone_number(attempt.group()):
                    found = attempt
                    break
            if found:
                yield result("PHONE_NUMBER", found.start(), found.end(), 0.9)
                position = found.end()
            else:
                position = match.start() + 1


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w-])")


class EmailRecogniser(Recogniser):
    entities = ("EMAIL_ADDRESS",)

    def find(self, text, doc):
        for match in EMAIL.finditer(text):
            yield result("EMAIL_ADDRESS", match.start(), match.end(), 1.0)
