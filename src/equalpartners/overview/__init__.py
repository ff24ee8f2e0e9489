"""What a partnership shows at a glance: its home page for members and its public page.

These pages draw on every area (partners, programme, later decisions and learning), so they
sit above them and read each through its selectors.
"""
