"""Our recognisers, in the order Presidio runs them. Every one is ours: Presidio's predefined
recognisers are for US identifiers and would report Social Security and bank numbers here."""

from .addresses import AddressRecogniser
from .conditions import ConditionRecogniser
from .dates import AgeRecogniser, DateOfBirthRecogniser
from .identifiers import EmailRecogniser, NhsNumberRecogniser, PhoneNumberRecogniser, PostcodeRecogniser
from .names import PersonNameRecogniser
from .records import RecordNumberRecogniser
from .unique import SinglingOutRecogniser


def all_recognisers(nlp):
    return [
        NhsNumberRecogniser(),
        PostcodeRecogniser(),
        PhoneNumberRecogniser(),
        EmailRecogniser(),
        DateOfBirthRecogniser(),
        AgeRecogniser(),
        AddressRecogniser(),
        RecordNumberRecogniser(),
        ConditionRecogniser(),
        SinglingOutRecogniser(),
        PersonNameRecogniser(nlp),
    ]
