"""Document cameras: the interface, real V4L2 devices, a simulator, and WebRTC publishing."""

from __future__ import annotations

from device_bridge.camera.base import Camera, CameraInfo, StillImage
from device_bridge.camera.simulated import SimulatedDocumentCamera
from device_bridge.camera.v4l2 import discover


def find_cameras(*, simulated: bool) -> list[Camera]:
    cameras: list[Camera] = list(discover())
    if simulated:
        cameras.append(SimulatedDocumentCamera())
    return cameras


__all__ = ["Camera", "CameraInfo", "SimulatedDocumentCamera", "StillImage", "find_cameras"]
