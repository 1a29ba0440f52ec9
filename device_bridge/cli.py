"""``madoguchi-bridge``: serve the kiosk, check the equipment, read a card, simulate one.

madoguchi-bridge serve [--port N] [--allowed-origin URL ...] [--data-dir DIR] [--pair]
madoguchi-bridge status [--json]
madoguchi-bridge read-card --reader NAME [--pin PIN] [--my-number] [--json]
madoguchi-bridge simulate-card [--name ...] [--foreign] ...
madoguchi-bridge schema            (JSON Schema of the protocol, for the kiosk's types)
madoguchi-bridge unpair            (forget every paired kiosk)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import logging
import signal
import sys
import threading
from pathlib import Path

from device_bridge.errors import BridgeError
from device_bridge.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING)
    try:
        return int(args.command(args))
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    except BridgeError as exc:
        # Plain words for whoever is at the console, plus the stable code for scripts.
        print(
            json.dumps(
                {"error": exc.code.value, "message_en": exc.message_en, "message_ja": exc.message_ja},
                ensure_ascii=False,
            ),
            file=sys.stderr,
        )
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="madoguchi-bridge", description="Madoguchi kiosk device bridge")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the WebSocket bridge for the kiosk page")
    serve.add_argument("--host", help="must be 127.0.0.1 (the default)")
    serve.add_argument("--port", type=int)
    serve.add_argument("--allowed-origin", action="append", dest="origins", metavar="URL")
    serve.add_argument("--data-dir", type=Path)
    serve.add_argument("--simulated-camera", action="store_true", default=None)
    serve.add_argument("--pair", action="store_true", help="show a pairing code even if a kiosk is paired")
    serve.add_argument("-v", "--verbose", action="store_true")
    serve.set_defaults(command=_serve)

    status = commands.add_parser("status", help="readers, card presence and cameras")
    status.add_argument("--json", action="store_true")
    status.add_argument("--simulated-camera", action="store_true", default=None)
    status.set_defaults(command=_status)

    read = commands.add_parser("read-card", help="read the basic 4 info from a My Number Card")
    read.add_argument("--reader", required=True)
    read.add_argument("--pin", help="4 digits; asked for without echo when left out")
    read.add_argument("--my-number", action="store_true", help="also read the My Number (legal basis needed)")
    read.add_argument("--allow-last-try", action="store_true")
    read.add_argument("--json", action="store_true")
    read.set_defaults(command=_read_card)

    simulate = commands.add_parser("simulate-card", help="hold a simulated card against vpcd")
    simulate.add_argument("--port", type=int, default=35963, help="vpcd port (35963 = 'Virtual PCD 00 00')")
    simulate.add_argument("--name", default="山田 太郎")
    simulate.add_argument("--address", default="茨城県笠間市中央三丁目2番1号")
    simulate.add_argument("--birth-date", default="19450301", help="YYYYMMDD")
    simulate.add_argument("--sex", default="1", choices=["1", "2", "9"])
    simulate.add_argument("--my-number", default="123456789018")
    simulate.add_argument("--pin", default="1234")
    simulate.add_argument(
        "--keys-dir",
        type=Path,
        default=Path("var/bridge-sim"),
        help="test J-LIS keys; the anchor is written to test-jlis-anchor.pem here",
    )
    simulate.add_argument("--counter-file", type=Path, help="PIN try counter (default: in --keys-dir)")
    simulate.add_argument("--foreign", action="store_true", help="a card that is not a My Number Card")
    simulate.set_defaults(command=_simulate)

    schema = commands.add_parser("schema", help="print the protocol's JSON Schema")
    schema.set_defaults(command=_schema)

    unpair = commands.add_parser("unpair", help="forget all paired kiosk pages")
    unpair.add_argument("--data-dir", type=Path)
    unpair.set_defaults(command=_unpair)
    return parser


def _serve(args: argparse.Namespace) -> int:
    from device_bridge.camera import find_cameras
    from device_bridge.server import BridgeServer

    settings = load_settings(
        host=args.host,
        port=args.port,
        allowed_origins=tuple(args.origins) if args.origins else None,
        data_dir=args.data_dir,
        simulated_camera=args.simulated_camera,
    )

    async def run() -> None:
        server = BridgeServer(settings, find_cameras(simulated=settings.simulated_camera))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        async with server:
            print(f"Madoguchi bridge on ws://{settings.host}:{server.port} for {', '.join(settings.allowed_origins)}")
            if args.pair or not server.pairings.all():
                code = server.open_pairing()
                minutes = int(settings.pairing_ttl_seconds // 60)
                print(f"Pairing code / 接続コード:  {code[:3]} {code[3:]}   (valid {minutes} min)", flush=True)
            await stop.wait()

    asyncio.run(run())
    return 0


def _status(args: argparse.Namespace) -> int:
    from device_bridge.camera import find_cameras
    from device_bridge.card.reader import list_readers

    try:
        readers = [{"name": r.name, "card_present": r.card_present} for r in list_readers()]
        pcsc: dict[str, object] = {"available": True}
    except BridgeError as exc:
        readers = []
        pcsc = {"available": False, "error": exc.code.value, "message_en": exc.message_en, "message_ja": exc.message_ja}
    cameras = [
        {"id": c.info.id, "label": c.info.label, "kind": c.info.kind}
        for c in find_cameras(simulated=bool(args.simulated_camera))
    ]
    if args.json:
        print(json.dumps({"pcsc": pcsc, "readers": readers, "cameras": cameras}, ensure_ascii=False, indent=2))
        return 0
    print("Card readers:" if pcsc["available"] else f"Card readers: unavailable — {pcsc['message_en']}")
    for r in readers:
        print(f"  {r['name']}: {'card present' if r['card_present'] else 'no card'}")
    if pcsc["available"] and not readers:
        print("  (none connected)")
    print("Cameras:")
    for c in cameras:
        print(f"  {c['id']}: {c['label']} ({c['kind']})")
    if not cameras:
        print("  (none connected)")
    return 0


def _read_card(args: argparse.Namespace) -> int:
    from device_bridge.card.service import read_card

    pin = args.pin if args.pin is not None else getpass.getpass("PIN (4 digits): ")
    reading = read_card(args.reader, pin, include_my_number=args.my_number, allow_last_try=args.allow_last_try)
    person = {
        "name": reading.person.name,
        "address": reading.person.address,
        "birth_date": reading.person.birth_date,
        "sex": reading.person.sex,
    }
    if reading.my_number is not None:
        person["my_number"] = reading.my_number
    # Never echo the PIN, not even masked.
    if args.json:
        print(json.dumps(person, ensure_ascii=False))
    else:
        print(json.dumps(person, ensure_ascii=False, indent=2))
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from device_bridge.simulators.jlis import SimulatedJlis
    from device_bridge.simulators.mynumber_card import (
        CardIdentity,
        ForeignCardSimulator,
        MyNumberCardSimulator,
        SimulatedCard,
        TryCounter,
        VpcdLink,
    )

    card: SimulatedCard
    if args.foreign:
        card = ForeignCardSimulator()
    else:
        jlis = SimulatedJlis.load_or_create(args.keys_dir)
        identity = CardIdentity(
            name=args.name, address=args.address, birth_date=args.birth_date, sex=args.sex, my_number=args.my_number
        )
        counter = TryCounter(args.counter_file or args.keys_dir / "pin-counter.json")
        card = MyNumberCardSimulator(identity, args.pin, jlis, counter)
        print(f"Trust anchor for the backend: {args.keys_dir / 'test-jlis-anchor.pem'}")
    link = VpcdLink(card, port=args.port)
    link.insert()
    print(f"Simulated card inserted on vpcd port {args.port}. Ctrl-C pulls it out.", flush=True)
    done = threading.Event()
    with contextlib.suppress(KeyboardInterrupt):
        done.wait()
    link.pull_out()
    return 0


def _schema(args: argparse.Namespace) -> int:
    from device_bridge.protocol import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def _unpair(args: argparse.Namespace) -> int:
    from device_bridge.pairing import PairingStore

    settings_dir = args.data_dir or load_settings(allowed_origins=("http://unused",)).data_dir
    PairingStore(settings_dir).clear()
    print("All kiosk pairings removed.")
    return 0
