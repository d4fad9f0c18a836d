# billing.pat - the lines of a billing summary: what was owed, what was paid,
# each penalty and the interest. Every rule names a kind of line; its first
# match in the document is that line. Lines whose rule name starts with
# "credit_" are subtracted, whatever sign OCR kept. When the lines add up to
# the amount due, the amount is confirmed.
field billing

rule tax_owed                0.90  \b(?:tax\s+you\s+owed|amount\s+you\s+owed(?:\s+on\s+previous\s+notice)?|tax\s+owed)\s*:?\s*(?<v>{MONEY})
rule credit_payments         0.90  \bpayments?\s+(?:and\s+credits|you\s+made|received)\s*:?\s*(?<v>-?\s?{MONEY})
rule failure_to_file_penalty 0.90  \bfailure[-\s]to[-\s]file\s+penalty\s*:?\s*(?<v>{MONEY})
rule failure_to_pay_penalty  0.90  \b(?:additional\s+)?failure[-\s]to[-\s]pay\s+penalty\s*:?\s*(?<v>{MONEY})
rule estimated_tax_penalty   0.90  \bfailure[-\s]to[-\s]pay\s+estimated\s+tax\s+penalty\s*:?\s*(?<v>{MONEY})
rule deposit_penalty         0.90  \bfailure[-\s]to[-\s]deposit\s+penalty\s*:?\s*(?<v>{MONEY})
rule accuracy_penalty        0.90  \baccuracy[-\s]related\s+penalty\s*:?\s*(?<v>{MONEY})
rule interest                0.90  \b(?:additional\s+)?interest\s+charges\s*:?\s*(?<v>{MONEY})
