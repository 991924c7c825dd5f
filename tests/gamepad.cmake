# gamepad.cmake: the one input path (keyboard, game controllers, hotplug,
# mappings, button names) and its use by the window and the audio-only
# mode, driven by SDL's virtual joystick and synthetic key events.
# Included by tests/CMakeLists.txt; names start with gamepad_.
corequest_add_test(gamepad_input
  SOURCES integration/test_gamepad_input.c
  LIBS corequest_app)
corequest_add_test(gamepad_window
  SOURCES integration/test_gamepad_window.c
  LIBS corequest_app)
corequest_add_test(gamepad_audio_only
  SOURCES integration/test_gamepad_audio_only.c
  LIBS corequest_app)
corequest_add_test(gamepad_motion
  SOURCES integration/test_gamepad_motion.c
  LIBS corequest_app)
