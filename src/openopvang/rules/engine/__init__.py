"""Pure rules engine of Open Opvang: no Django imports anywhere in this package.

Input is a scenario document (see ``docs/rules-scenarios.md``), parsed by
:func:`openopvang.rules.engine.scenario.parse_scenario`; amounts come from dated
parameters (:class:`openopvang.rules.engine.parameters.ParameterSet`); output is
plain dictionaries with amounts as strings, optionally with an explanation tree.
"""
