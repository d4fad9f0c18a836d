# comment only

define
field
rule
