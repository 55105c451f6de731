"""The web dashboard and its read-only JSON API: `polemos.web.app.create_app` builds the FastAPI app.

Nothing is imported here, so the report writer can read the packaged basemap without loading FastAPI.
"""
