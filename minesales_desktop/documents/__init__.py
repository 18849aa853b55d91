"""Printed and drawn output: the CJK font, matplotlib charts (shared by the performance tab and
the PDFs), and — built on them — the appraisal sheets and sales reports (ReportLab).

No Qt here: charts are plain ``matplotlib.figure.Figure`` objects that a Qt canvas shows and a PDF
embeds.
"""
