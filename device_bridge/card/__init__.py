"""Card access: APDUs, BER, card types behind one interface, and the PC/SC reader."""
