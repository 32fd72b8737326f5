"""The domain: dossier, money, campaign rules, socle diagnostic. Pure Python, never imports Qt."""
