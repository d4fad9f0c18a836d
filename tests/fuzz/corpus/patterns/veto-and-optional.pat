field tax_year
rule zz_veto -0.40 \bzz\s+year\s+(?<v>{YEAR})
rule zz_optional 0.30 year(?:\s+(?<v>\d{4}))?\s+ends
