"""sprintcheck: is the evidence as good as the claim?"""

__version__ = "0.1.0"
