# tax_year.pat - the tax year (or the year of a business tax period).
# "Tax year 2017", "Tax year December 31, 2017", "Tax period December 31, 2023".
field tax_year

rule header_label       0.90  \btax\s+(?:year|period)(?:s|\(s\))?(?:\s+end(?:ed|ing))?{GAP}(?<v>{DATE}|{YEAR})
rule in_parentheses     0.80  \btax\s+(?:year|period)\s*\(\s*(?<v>{YEAR}|{DATE})\s*\)
rule period_ending      0.80  \btax\s+(?:year|period)\s+end(?:ed|ing)\s+(?<v>{DATE})
rule for_tax_year       0.75  \bfor\s+tax\s+(?:year|period)\s+(?<v>{YEAR}|{DATE})
rule balance_for_year   0.70  \b(?:balance\s+due|unpaid\s+taxes|taxes\s+due|amount\s+owed)\s+for\s+(?<v>{YEAR}|{DATE})
rule your_form          0.65  \byour\s+(?<v>{YEAR})\s+(?:form\s+)?(?:1040|1120|1065|941|940|943|944|720|2290)
rule tax_return_year    0.50  \b(?<v>{YEAR})\s+(?:federal\s+)?(?:tax\s+return|form\s+1040)
