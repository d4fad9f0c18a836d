# tax_year.pat - the tax year (or the year of a business tax period).
# "Tax year 2017", "Tax year December 31, 2017", "Tax period December 31, 2023".
field tax_year

rule header_label       0.90  paired \btax\s+(?:year|period)(?:s|\(s\))?(?:\s+end(?:ed|ing))?{GAP}(?<v>{DATE}|{YEAR})
rule in_parentheses     0.80  \btax\s+(?:year|period)\s*\(\s*(?<v>{YEAR}|{DATE})\s*\)
rule period_ending      0.80  \btax\s+(?:year|period)\s+end(?:ed|ing)\s+(?<v>{DATE})
rule for_tax_year       0.75  \bfor\s+tax\s+(?:year|period)\s+(?<v>{YEAR}|{DATE})
rule balance_for_year   0.70  \b(?:balance\s+due|unpaid\s+taxes|taxes\s+due|amount\s+owed)\s+for\s+(?<v>{YEAR}|{DATE})
rule your_form          0.65  \byour\s+(?<v>{YEAR})\s+(?:form\s+)?(?:1040|1120|1065|941|940|943|944|720|2290)
rule tax_return_year    0.50  \b(?<v>{YEAR})\s+(?:federal\s+)?(?:tax\s+return|form\s+1040)
# Two columns read line by line (sender block left, header block right, each
# stacked): a label that ends one line has its value at the end of the next,
# after the left column's text ("P.O. Box 9019 Tax year" / "Holtsville, NY
# 11742-9019 2021"); up to 100 characters of it, paired keeping the value under
# its label.
rule label_then_merged  0.70  paired \btax\s+(?:year|period)(?:s|\(s\))?\s*:?[ \t]*\n[^\n]{1,100}?[ \t](?<v>{DATE}|{YEAR})[ \t]*(?=\n)
# A row of a table of tax periods: the form, then the period's last day
# ("1040 12/31/2021 $5,387.35 ..."), as letters list what is owed.
rule form_period_row    0.55  (?<![\d/.,$-])(?:1040|1041|1065|1120|720|940|941|943|944|945|990|2290)(?:-?[A-Z]{1,2})?[ \t]+(?<v>\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))(?![\d/])
# "a deficiency in your income tax for 2022", "taxes for 2021": weak, only a
# sentence tying tax to a year ("estimated tax for 2025" is next year's).
rule tax_for_year       0.55  (?<!estimated )\b(?:income\s+)?tax(?:es)?\s+for\s+(?<v>{YEAR})
# The payment stub asks for "the tax year (2023)"; read row by row beside the
# other column, the label ends one line and its value opens the next ("the tax
# year Amount due by November 1, 2024 $2,357.79" / "(2023), and the form").
rule stub_year_merged   0.65  \btax(?:[ \t]+|[^\n]{0,60}\n[ \t]*)year(?:[^\n]{0,60}\n)?[ \t]*\(\s*(?<v>{YEAR})\s*\)
# "the tax period (December 2016)": a quarter or month of a business return.
rule period_month_year  0.75  \btax\s+period\s*\(\s*[A-Za-z]{3,10}\.?\s+(?<v>{YEAR})\s*\)
# A business return's quarter: "for the quarter ending December 31, 2016".
rule quarter_ending     0.65  \bquarter\s+end(?:ed|ing)\s+(?<v>{DATE})
# "your unpaid balance of $2,237.55 for 2023"
rule balance_of_for     0.65  \bbalance\s+of\s+{MONEY}\s+for\s+(?<v>{YEAR})
