"""The Portfolio Document's own words for the parts of the PDF that are the same in every
portfolio: the responsibilities of the care coordinator and of the practice-based facilitator,
and the introductions to the schedule and the assessment criteria. Kept word for word from the PD
(shared/seeds), but for the PD's "Personal Development (PD) documentation", which is this
Portfolio Document."""

from coordinated_care.accounts import responsibilities

TITLE = "Portfolio Document: Care Coordination (Primary Care)"

PURPOSE = (
    "This Portfolio Document (PD) is designed to support and guide you in building a portfolio of evidence that "
    "demonstrates your capabilities as a care coordinator. It serves as an important tool for learning and "
    "development in your role.",
    "It is expected that the care coordinator will have completed a PCI-accredited, 2-day care coordination "
    "training program, which covers the training content required for the competencies.",
    "The process of completing this portfolio enables the care coordinator to demonstrate the practical "
    "application of the training content. This is achieved through critical reflection and action-based learning "
    "within their role.",
)

# The responsibilities are written once, where the acknowledgement of them is kept.
COORDINATOR_RESPONSIBILITIES = responsibilities.CARE_COORDINATOR
FACILITATOR_RESPONSIBILITIES = responsibilities.FACILITATOR
FACILITATOR_KEY_ROLE = responsibilities.FACILITATOR_KEY_ROLE

SCHEDULE_INTRO = (
    "The provided Learning and Development Schedule serves as a customisable template designed to facilitate the "
    "planning and implementation of your learning and development as a care coordinator."
)

CRITERIA_INTRO = (
    "The following table allows the tracking of Care Coordination Competencies and should be completed by the "
    "Practice Based Facilitator, assessing achievement of each competency. This provides an easy and clear overview "
    "to review and/or audit progress at a glance."
)

REFLECTION_INTRO = (
    "If you find yourself unable to demonstrate the practical application of a specific competency, you are given "
    "the opportunity to engage in critical reflection on this shortfall with your supervisor."
)

ACTION_PLAN_INTRO = (
    "Tasks set during workshop sessions and 1:1 practice-based facilitator reviews to enable competency sign off."
)

INTERPROFESSIONAL_TITLE = (
    "Record of working with other healthcare professionals/inter professional working and developing local "
    "relationships"
)

FEEDBACK_INTRO = "This can be completed by any individual involved in the care coordinators learning."
