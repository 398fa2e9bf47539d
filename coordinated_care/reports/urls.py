from .dashboards.urls import urlpatterns as dashboard_urls
from .document.urls import urlpatterns as document_urls

urlpatterns = document_urls + dashboard_urls
