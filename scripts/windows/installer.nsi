; A per-user installer of the Windows build, for the tests' Windows leg: it proves what an
; installer of sfconnect must carry (the CLI, the wizard and the WebView2 loader the gnu build
; loads at run time) and that it installs, runs and uninstalls cleanly (installer-check).
; The release's installers are Tauri's own NSIS and MSI bundles, made on Windows by
; .github/workflows/release.yml: Tauri's NSIS bundler downloads a plugin this machine can't.
;
; makensis -DBUILD=<folder with the .exe files> -DVERSION=<x.y.z> -DOUT=<setup.exe> installer.nsi
Unicode true
Target amd64-unicode
SetCompressor zlib
Name "sfconnect"
OutFile "${OUT}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\sfconnect"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\sfconnect"

Section "sfconnect"
  SetOutPath "$INSTDIR"
  File "${BUILD}/sfconnect.exe"
  File "${BUILD}/sfconnect-app.exe"
  File "${BUILD}/WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\sfconnect.lnk" "$INSTDIR\sfconnect-app.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "sfconnect"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "sfconnect team"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\sfconnect-app.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Removes what the installer put there, and nothing of the admin's: the connections' settings
; (%APPDATA%\sfconnect) and the credential store's entries stay, as Tauri's uninstaller keeps
; them unless asked.
Section "Uninstall"
  Delete "$INSTDIR\sfconnect.exe"
  Delete "$INSTDIR\sfconnect-app.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\sfconnect.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
