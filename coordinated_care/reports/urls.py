from .dashboards.urls import urlpatterns as dashboard_urls
from .document.urls import urlpatterns as document_urls
from .feedback_summary.urls import urlpatterns as feedback_summary_urls

urlpatterns = document_urls + dashboard_urls + feedback_summary_urls
