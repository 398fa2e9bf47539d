"""Progress across many people: the cohort, organisation and learner dashboards."""

urlpatterns = []
