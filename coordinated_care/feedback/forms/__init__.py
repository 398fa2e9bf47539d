from .public import ColleagueAnswersForm, ConsentForm, PatientAnswersForm
from .staff import CountersignForm, EvidenceForm, PaperColleagueForm, PaperPatientForm, RequestForm

__all__ = [
    "ColleagueAnswersForm",
    "ConsentForm",
    "CountersignForm",
    "EvidenceForm",
    "PaperColleagueForm",
    "PaperPatientForm",
    "PatientAnswersForm",
    "RequestForm",
]
