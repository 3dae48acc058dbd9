"""PartnerDesk core: workspace store, domain values, statistics and PDF reports (no Qt)."""

__version__ = "0.1.0"
APP_NAME = "PartnerDesk"
