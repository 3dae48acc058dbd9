"""PartnerDesk's Qt application; imports `partnerdesk`, never the reverse."""
