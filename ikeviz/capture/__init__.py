"""Captures: reading pcap/pcapng files and finding the IKE datagrams in them."""
