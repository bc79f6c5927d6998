//! The Windows system calls sfconnect needs and no maintained crate wraps: the one place in the
//! workspace with `unsafe` code. Each call is a plain Win32 function over buffers this module
//! owns and sizes itself; each `unsafe` block says why it is sound.
//!
//! - [`create_private_file`]: a new file whose access list is one entry, full access for the
//!   user sfconnect runs as, with nothing inherited from the folder (the Unix mode 0600).
//! - [`private_file_descriptor`], [`access_list`]: that list, and a file's, as SDDL (for tests).
//! - [`version`]: "Windows 11 Pro 24H2 (build 26100)" for the support report.
#![allow(unsafe_code)]

use std::fs::File;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::io::{AsRawHandle, FromRawHandle};
use std::path::Path;
use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_SUCCESS, GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE,
    LocalFree,
};
use windows_sys::Win32::Security::Authorization::{
    ConvertSecurityDescriptorToStringSecurityDescriptorW, GetSecurityInfo, SDDL_REVISION_1,
    SE_FILE_OBJECT,
};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACL, ACL_REVISION, AddAccessAllowedAce, DACL_SECURITY_INFORMATION,
    GetLengthSid, GetTokenInformation, InitializeAcl, InitializeSecurityDescriptor,
    PSECURITY_DESCRIPTOR, SE_DACL_PROTECTED, SECURITY_ATTRIBUTES, SECURITY_DESCRIPTOR,
    SetSecurityDescriptorControl, SetSecurityDescriptorDacl, TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::{
    CREATE_NEW, CreateFileW, FILE_ALL_ACCESS, FILE_ATTRIBUTE_TEMPORARY, FILE_SHARE_DELETE,
    FILE_SHARE_READ, FILE_SHARE_WRITE,
};
use windows_sys::Win32::System::SystemServices::SECURITY_DESCRIPTOR_REVISION;
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// The `TOKEN_USER` of this process: the user's SID lives inside the buffer, so the buffer is
/// kept (8-byte aligned, as `TOKEN_USER` needs) for as long as the SID is used.
struct CurrentUser {
    buffer: Vec<u64>,
}

impl CurrentUser {
    fn read() -> io::Result<Self> {
        let mut token: HANDLE = std::ptr::null_mut();
        // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no closing; `token` is a
        // valid place for the opened handle.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let result = Self::from_token(token);
        // SAFETY: `token` was opened above and is closed once, here.
        unsafe { CloseHandle(token) };
        result
    }

    fn from_token(token: HANDLE) -> io::Result<Self> {
        let mut needed = 0u32;
        // SAFETY: a size query: a null buffer of length 0, `needed` receives the size.
        unsafe { GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &raw mut needed) };
        let words = usize::try_from(needed).unwrap_or(0).div_ceil(8);
        if words == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut buffer = vec![0u64; words];
        let length = u32::try_from(words * 8).map_err(|_| io::ErrorKind::InvalidData)?;
        // SAFETY: `buffer` is `length` bytes, writable and aligned for TOKEN_USER.
        let ok = unsafe {
            GetTokenInformation(
                token,
                TokenUser,
                buffer.as_mut_ptr().cast(),
                length,
                &raw mut needed,
            )
        };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Self { buffer })
    }

    /// The user's SID (points into `self.buffer`).
    fn sid(&self) -> windows_sys::Win32::Security::PSID {
        // SAFETY: GetTokenInformation filled the buffer with a TOKEN_USER; reading its first
        // field is in bounds and aligned.
        unsafe { (*self.buffer.as_ptr().cast::<TOKEN_USER>()).User.Sid }
    }
}

/// An access list of one entry, full access for the current user (kept with the user's SID it
/// points into).
struct OwnerOnlyAcl {
    acl: Vec<u32>,
    _user: CurrentUser,
}

impl OwnerOnlyAcl {
    fn new() -> io::Result<Self> {
        let user = CurrentUser::read()?;
        let sid = user.sid();
        // SAFETY: `sid` is a valid SID inside `user`, alive for this function.
        let sid_length = unsafe { GetLengthSid(sid) };
        let header = std::mem::size_of::<ACL>() + std::mem::size_of::<ACCESS_ALLOWED_ACE>()
            - std::mem::size_of::<u32>(); // the ACE's SidStart is the SID's first 4 bytes
        let size = header + usize::try_from(sid_length).map_err(|_| io::ErrorKind::InvalidData)?;
        // ACLs are DWORD-aligned: u32 words.
        let mut acl = vec![0u32; size.div_ceil(4)];
        let acl_length = u32::try_from(acl.len() * 4).map_err(|_| io::ErrorKind::InvalidData)?;
        let acl_ptr = acl.as_mut_ptr().cast::<ACL>();
        // SAFETY: `acl` is `acl_length` writable, DWORD-aligned bytes, big enough for the
        // header and one ACE carrying `sid` (sized as Microsoft documents for InitializeAcl).
        unsafe {
            if InitializeAcl(acl_ptr, acl_length, ACL_REVISION) == 0
                || AddAccessAllowedAce(acl_ptr, ACL_REVISION, FILE_ALL_ACCESS, sid) == 0
            {
                return Err(io::Error::last_os_error());
            }
        }
        Ok(Self { acl, _user: user })
    }
}

/// Runs `use_it` with a security descriptor whose access list is [`OwnerOnlyAcl`], protected
/// (nothing inherited from the folder).
fn with_owner_only_descriptor<T>(
    use_it: impl FnOnce(PSECURITY_DESCRIPTOR) -> io::Result<T>,
) -> io::Result<T> {
    let mut acl = OwnerOnlyAcl::new()?;
    let mut descriptor = SECURITY_DESCRIPTOR {
        Revision: 0,
        Sbz1: 0,
        Control: 0,
        Owner: std::ptr::null_mut(),
        Group: std::ptr::null_mut(),
        Sacl: std::ptr::null_mut(),
        Dacl: std::ptr::null_mut(),
    };
    let descriptor_ptr: PSECURITY_DESCRIPTOR = (&raw mut descriptor).cast();
    // SAFETY: `descriptor` is a SECURITY_DESCRIPTOR this function owns; the DACL it points to
    // (`acl`) outlives `use_it`, which gets the descriptor only for its call.
    unsafe {
        if InitializeSecurityDescriptor(descriptor_ptr, SECURITY_DESCRIPTOR_REVISION) == 0
            || SetSecurityDescriptorDacl(descriptor_ptr, 1, acl.acl.as_mut_ptr().cast(), 0) == 0
            || SetSecurityDescriptorControl(descriptor_ptr, SE_DACL_PROTECTED, SE_DACL_PROTECTED)
                == 0
        {
            return Err(io::Error::last_os_error());
        }
    }
    use_it(descriptor_ptr)
}

/// Creates a new file (failing if `path` exists) whose access list is, from its first moment,
/// one entry, full access for the current user, inherited from nothing: a file in
/// `C:\Users\Public` or a shared folder is still no one else's, and no other program can have
/// opened it before its access list was set (Windows checks access when a file is opened).
/// Opened as tempfile opens its own (read, write, shared for reading, writing and deleting so
/// it can be renamed while open; marked temporary until tempfile's `persist` clears that); the
/// access list alone keeps others out.
pub(crate) fn create_private_file(path: &Path) -> io::Result<File> {
    let wide: Vec<u16> = path.as_os_str().encode_wide().chain([0]).collect();
    with_owner_only_descriptor(|descriptor| {
        let attributes = SECURITY_ATTRIBUTES {
            nLength: u32::try_from(std::mem::size_of::<SECURITY_ATTRIBUTES>())
                .map_err(|_| io::ErrorKind::InvalidData)?,
            lpSecurityDescriptor: descriptor,
            bInheritHandle: 0,
        };
        // SAFETY: `wide` is a NUL-terminated path; `attributes` and the descriptor it points to
        // live until the call returns; the handle returned is owned by the File made below.
        let handle = unsafe {
            CreateFileW(
                wide.as_ptr(),
                GENERIC_READ | GENERIC_WRITE,
                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                &raw const attributes,
                CREATE_NEW,
                FILE_ATTRIBUTE_TEMPORARY,
                std::ptr::null_mut(),
            )
        };
        if handle == INVALID_HANDLE_VALUE {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a valid handle just opened, owned by nothing else.
        Ok(unsafe { File::from_raw_handle(handle) })
    })
}

/// The security descriptor [`create_private_file`] creates files with, as SDDL
/// (`D:P(A;;FA;;;S-1-5-21-…)`), and the current user's SID: what a test can check where the
/// file system doesn't keep access lists (Wine maps them to Unix modes).
pub fn private_file_descriptor() -> io::Result<(String, String)> {
    let text =
        with_owner_only_descriptor(|descriptor| sddl(descriptor, DACL_SECURITY_INFORMATION))?;
    let user = CurrentUser::read()?;
    Ok((text, sid_string(user.sid())?))
}

/// The file's access list as SDDL (`D:P(A;;FA;;;S-1-5-21-…)`: protected, full access for one
/// user), and the current user's SID string, so a caller can tell whose entry it is.
pub fn access_list(path: &Path) -> io::Result<(String, String)> {
    let file = File::open(path)?;
    let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
    // SAFETY: the handle is open; only the DACL is asked for, and the system allocates the
    // descriptor, freed below with LocalFree.
    let status = unsafe {
        GetSecurityInfo(
            file.as_raw_handle(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &raw mut descriptor,
        )
    };
    win32(status)?;
    let text = sddl(descriptor, DACL_SECURITY_INFORMATION);
    // SAFETY: allocated by GetSecurityInfo above, freed once.
    unsafe { LocalFree(descriptor) };
    let user = CurrentUser::read()?;
    Ok((text?, sid_string(user.sid())?))
}

fn sddl(descriptor: PSECURITY_DESCRIPTOR, what: u32) -> io::Result<String> {
    let mut text: *mut u16 = std::ptr::null_mut();
    let mut length = 0u32;
    // SAFETY: `descriptor` is a valid descriptor; the system allocates `text` (freed below).
    let ok = unsafe {
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            descriptor,
            SDDL_REVISION_1,
            what,
            &raw mut text,
            &raw mut length,
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    let owned = wide_to_string(text);
    // SAFETY: allocated by the conversion above, freed once.
    unsafe { LocalFree(text.cast()) };
    Ok(owned)
}

fn sid_string(sid: windows_sys::Win32::Security::PSID) -> io::Result<String> {
    use windows_sys::Win32::Security::Authorization::ConvertSidToStringSidW;
    let mut text: *mut u16 = std::ptr::null_mut();
    // SAFETY: `sid` is valid; the system allocates `text` (freed below).
    if unsafe { ConvertSidToStringSidW(sid, &raw mut text) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let owned = wide_to_string(text);
    // SAFETY: allocated by the conversion above, freed once.
    unsafe { LocalFree(text.cast()) };
    Ok(owned)
}

/// A NUL-terminated UTF-16 string the system returned, as a `String`.
fn wide_to_string(text: *const u16) -> String {
    let mut length = 0;
    // SAFETY: the system returned a NUL-terminated string; reading up to the NUL stays inside.
    unsafe {
        while *text.add(length) != 0 {
            length += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(text, length))
    }
}

/// The Windows edition, release and build, from the registry Windows itself keeps them in
/// (`HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`). Windows 11 still calls itself
/// "Windows 10" there; a build from 22000 on is Windows 11, as Microsoft documents.
pub(crate) fn version() -> Option<String> {
    let product = registry_text("ProductName")?;
    let build = registry_text("CurrentBuildNumber");
    let product = match build.as_deref().and_then(|b| b.parse::<u32>().ok()) {
        Some(number) if number >= 22_000 => product.replacen("Windows 10", "Windows 11", 1),
        _ => product,
    };
    let release = registry_text("DisplayVersion")
        .map(|r| format!(" {r}"))
        .unwrap_or_default();
    let build = build.map(|b| format!(" (build {b})")).unwrap_or_default();
    Some(format!("{product}{release}{build}"))
}

fn registry_text(name: &str) -> Option<String> {
    use windows_sys::Win32::System::Registry::{HKEY_LOCAL_MACHINE, RRF_RT_REG_SZ, RegGetValueW};
    let key: Vec<u16> = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\0"
        .encode_utf16()
        .collect();
    let value: Vec<u16> = name.encode_utf16().chain([0]).collect();
    let mut buffer = [0u16; 256];
    let mut bytes = u32::try_from(std::mem::size_of_val(&buffer)).ok()?;
    // SAFETY: both names are NUL-terminated; `buffer` is `bytes` long and the call writes at
    // most that (it fails with ERROR_MORE_DATA otherwise); REG_SZ only.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            value.as_ptr(),
            RRF_RT_REG_SZ,
            std::ptr::null_mut(),
            buffer.as_mut_ptr().cast(),
            &raw mut bytes,
        )
    };
    if status != ERROR_SUCCESS {
        return None;
    }
    let length = buffer.iter().position(|&c| c == 0).unwrap_or(buffer.len());
    let text = String::from_utf16_lossy(&buffer[..length]);
    (!text.trim().is_empty()).then(|| text.trim().to_owned())
}

fn win32(status: u32) -> io::Result<()> {
    if status == ERROR_SUCCESS {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(
            i32::try_from(status).unwrap_or(i32::MAX),
        ))
    }
}
