"""ikeviz: an IKEv1 negotiation between two IPsec gateways, shown as a sequence diagram.

The package is layered; each layer imports only from the layers below it
(enforced by the import-linter contracts in ``pyproject.toml``):

- ``ikeviz.protocol``: the sans-IO core (registries, wire codec, crypto, peers);
- ``ikeviz.scenario``: what a user edits and saves;
- ``ikeviz.simulation``, ``ikeviz.diagnosis``, ``ikeviz.capture``, ``ikeviz.render``;
- ``ikeviz.gui`` and ``ikeviz.cli`` on top.
"""

__version__ = "0.1.0"
