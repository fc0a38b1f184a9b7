"""Do the sources agree? Figures read from the claims, grouped by what they measure.

``record`` holds what a figure is (value, qualifier, what it counts, when, where,
its exact span); ``read`` finds figures in a document's claims; ``group`` puts
figures measuring the same thing at the same time together and says whether their
sources agree; ``stage`` runs both for a build.
"""
