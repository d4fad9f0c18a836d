# a define used by a rule, with codes and a prefix
define ZZ_MONEY \$?\d{1,3}(?:,\d{3})*\.\d{2}
field amount_due
rule zz_total 0.70 @CP14,CP501 total\s+due\s*:?\s*(?<v>{ZZ_MONEY})
field notice_code
rule zz_letter 0.85 prefix=LTR letter\s+number\s*(?<v>\d{3,4})
