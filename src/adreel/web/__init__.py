"""The studio page's static files (ES modules and CSS), served by `adreel.api.routes.web`."""
