"""The Portfolio Document's own words for the parts of the PDF that are the same in every
portfolio: the responsibilities of the care coordinator and of the practice-based facilitator,
and the introductions to the schedule and the assessment criteria. Kept word for word from the PD
(shared/seeds), but for the PD's "Personal Development (PD) documentation", which is this
Portfolio Document."""

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

COORDINATOR_RESPONSIBILITIES = (
    (
        "Restricted Access to Confidential Information",
        "As a care coordinator, you will have access to sensitive information that must be treated with the utmost "
        "discretion and care.",
    ),
    (
        "Prohibition on Identifying Patients or Service Users",
        "The Portfolio Document (PD) should never contain information that could lead to the identification of "
        "patients, service users, or carers. This prohibition includes names, addresses, specific medical "
        "conditions, or any other unique identifiers.",
    ),
    (
        "Restrictions on Disclosure and Use of Information",
        "Information about patients, service users, or carers must not be disclosed to any unauthorised person. "
        "This restriction applies to verbal discussions, written communications, and electronic data sharing alike.",
    ),
    (
        "Prohibition on Removing or Misusing Information",
        "Removing, photocopying, or using confidential information outside the workplace is strictly prohibited. "
        "This policy is designed to prevent unauthorised or accidental sharing of sensitive data.",
    ),
)

FACILITATOR_RESPONSIBILITIES = (
    "This role is an essential enabler within the care coordinators place of work, sharing, guiding, and providing "
    "support to build confidence through reflective evidence-based practice. The practice-based facilitator will "
    "meet regularly with the care coordinator throughout the 6-month period to review their progress against the "
    "competencies and, where necessary support them to access opportunities to demonstrate their capabilities "
    "against each competency.",
    "The role should be aware of any disability or needs that require reasonable adjustments and allow for this to "
    "ensure the care coordinator achieves the maximum benefit from the learning experience. The role is to help the "
    "care coordinator to make progress by providing information, guidance and facilitating opportunities for "
    "learning and demonstration of practice.",
    "When the designated practice-based learning facilitator is not available, support must be delegated within the "
    "team with appropriate feedback processes in place. All members of the team will contribute to the care "
    "coordinator's experience and will provide support during their learning experience, identifying learning "
    "opportunities and by providing feedback on the care coordinator's performance.",
)

FACILITATOR_KEY_ROLE = (
    (
        "Identify learning opportunities",
        (
            "The role will identify relevant learning opportunities and creating learning and development plans with "
            "the care coordinator.",
        ),
    ),
    (
        "Assessing the care coordinator",
        (
            "When assessing the competencies, consider sources of evidence that encompass knowledge, skills, "
            "attitudes, and the views of those receiving care. Comments should acknowledge those exceptional care "
            "coordinators who are exceeding expectations for their stage in practice or who have particularly "
            "commendable attitudes, behaviours, knowledge, or skills.",
            "If the care coordinator is not meeting the required standards this should be highlighted as a "
            "development need as soon as possible to ensure that appropriate support is in place and an action plan "
            "should be formulated.",
        ),
    ),
    (
        "Assessment of overall performance",
        (
            "You are responsible for assessing the achievement of all the required learning outcomes and "
            "professional attitudes and behaviours for the care coordinator at the end of year one of the programme. "
            "This should be documented in the PD.",
        ),
    ),
)

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
