{
  "targets": [
    {
      "target_name": "mbn_diag",
      "cflags_cc": ["-std=c++17"],
      "defines": [
        "NAPI_VERSION=8",
        "NODE_ADDON_API_DISABLE_DEPRECATED",
        "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"
      ],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except_all"],
      "conditions": [
        [
          "OS=='win'",
          {
            "sources": [
              "src/addon.cc",
              "src/client.cc",
              "src/com_thread.cc",
              "src/com_util.cc",
              "src/command_ids.cc",
              "src/command_sinks.cc",
              "src/detached_thread.cc",
              "src/emitter.cc",
              "src/js_convert.cc",
              "src/mbn_core.cc",
              "src/mbn_services.cc",
              "src/mbn_guids_mingw.cc",
              "src/service_ids.cc",
              "src/sinks.cc",
              "src/stop.cc"
            ],
            "defines": [
              "UNICODE",
              "_UNICODE",
              "WIN32_LEAN_AND_MEAN",
              "NOMINMAX",
              "_HAS_EXCEPTIONS=1"
            ],
            "libraries": ["ole32.lib", "oleaut32.lib", "uuid.lib", "mbnapi_uuid.lib"],
            "msvs_configuration_attributes": { "SpectreMitigation": "Spectre" },
            "msvs_settings": {
              "VCCLCompilerTool": {
                "ExceptionHandling": 1,
                "AdditionalOptions": ["/std:c++17", "/EHsc", "/guard:cf", "/sdl", "/W4", "/ZH:SHA_256"]
              },
              "VCLinkerTool": { "AdditionalOptions": ["/guard:cf"] }
            }
          },
          {
            "sources": ["src/unsupported.cc"],
            "xcode_settings": { "CLANG_CXX_LANGUAGE_STANDARD": "c++17" }
          }
        ]
      ]
    }
  ]
}
