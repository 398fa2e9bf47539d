"""The portfolio as one document and its verification."""

urlpatterns = []
