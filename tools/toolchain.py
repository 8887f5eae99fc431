#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pinned toolchain of make test: the interpreters found, the virtualenvs made from tests/requirements/ (reused
while their pins are unchanged), pip for ansible-test offline, the npm pins, and running a tool of a virtualenv."""

import glob
import hashlib
import io
import os
import re
import shutil
import subprocess
import threading

from paths import BUILD, HOME, REQUIREMENTS, VENVS
from steps import LANE, StepFailed, command

MAIN_PYTHONS = ('3.13', '3.12')
FLOOR_PYTHON = '3.11'

# ansible-test bootstraps pip in the virtual environments it makes by running a script it downloads
# from a host this machine cannot reach; it looks in its cache first. This stand-in does the same job
# offline: pip installs itself from its wheel, which the set-up downloaded once from the package index (a dozen
# sanity virtualenvs are made afresh in a new clone); without the wheel, the interpreter's bundled pip installs the
# requested packages from the index. The CA bundle of this environment is passed on explicitly: ansible-test runs
# pip with a cleaned environment, and the older pips that ensurepip bundles do not find it otherwise.
GET_PIP_STAND_IN = '''\
import ensurepip
import glob
import os
import subprocess
import sys

CA_BUNDLE = %r
WHEELS = %r
VERSION = %r
arguments = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
wheel = glob.glob(os.path.join(WHEELS, 'pip-%%s-*.whl' %% VERSION))
if wheel:
    sys.exit(subprocess.call([sys.executable, os.path.join(wheel[0], 'pip'), 'install', '--no-index', '--find-links',
                              WHEELS] + arguments))
ensurepip.bootstrap(upgrade=True)
if CA_BUNDLE:
    arguments = ['--cert', CA_BUNDLE] + arguments
sys.exit(subprocess.call([sys.executable, '-m', 'pip', 'install'] + arguments))
'''
PIP_WHEELS = os.path.join(HOME, '.cache', 'alicloud_ops.ecs', 'pip-wheels')


def python_version(path):
    """'X.Y' of a working interpreter with venv support at path, or None (pyenv shims of inactive versions fail)."""
    try:
        output = subprocess.run([path, '-c', 'import ensurepip, venv, sys; print("%d.%d" % sys.version_info[:2])'],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True,
                                timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return output.strip() or None


def find_interpreters():
    """Map 'X.Y' to the real path of a working CPython 3 interpreter, for every version on this machine."""
    pyenv_root = os.environ.get('PYENV_ROOT') or os.path.expanduser('~/.pyenv')
    candidates = sorted(glob.glob(os.path.join(pyenv_root, 'versions', '*', 'bin', 'python3.*')))
    for directory in os.environ.get('PATH', '').split(os.pathsep):
        if directory and 'shims' not in directory.split(os.sep):
            candidates.extend(sorted(glob.glob(os.path.join(directory, 'python3.*'))))
    found = {}
    for path in candidates:
        if not re.match(r'^python3\.\d+$', os.path.basename(path)):
            continue
        real = os.path.realpath(path)
        version = python_version(real)
        if version and version not in found:
            found[version] = real
    return found


def requirements_digest(path, python):
    """Digest of a requirements file, the files it includes and the interpreter: a venv is rebuilt when it changes."""
    digest = hashlib.sha256(python.encode())
    pending = [path]
    while pending:
        current = pending.pop()
        with open(current, 'rb') as handle:
            content = handle.read()
        digest.update(content)
        for included in re.findall(rb'^-r\s+(\S+)', content, re.M):
            pending.append(os.path.join(os.path.dirname(current), included.decode()))
    return digest.hexdigest()


def ensure_venv(name, python, requirements):
    """Create (or reuse, when its pins are unchanged) the virtualenv .venv/NAME; return its bin folder."""
    venv = os.path.join(VENVS, name)
    stamp = os.path.join(venv, '.pinned')
    digest = requirements_digest(requirements, python)
    bin_dir = os.path.join(venv, 'bin')
    if os.path.exists(stamp):
        with open(stamp) as handle:
            if handle.read() == digest:
                LANE.write('reusing %s (pins unchanged)\n' % venv)
                return bin_dir
    shutil.rmtree(venv, ignore_errors=True)
    command([python, '-m', 'venv', venv])
    command([os.path.join(bin_dir, 'python'), '-m', 'pip', 'install', '-q', '--disable-pip-version-check',
             '-r', requirements])
    with open(stamp, 'w') as handle:
        handle.write(digest)
    return bin_dir


def ca_bundle():
    """The CA bundle this environment tells pip (or requests) to use, if any."""
    for name in ('PIP_CERT', 'REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE'):
        if os.environ.get(name) and os.path.isfile(os.environ[name]):
            return os.environ[name]
    return None


class Toolchain:
    """The interpreters and virtualenvs the checks run with."""

    def __init__(self):
        self.interpreters = {}
        self.main_bin = None
        self.main_version = None
        self.later = {}  # name: (thread, its buffered output, {'bin': folder}) of the venvs the set-up leaves building

    @property
    def floor_bin(self):
        return self.venv_bin('floor')

    @property
    def rulebook_bin(self):
        return self.venv_bin('rulebook')

    def venv_bin(self, name):
        """The bin folder of a venv the set-up left building, once it is made (its output shown by the caller)."""
        thread, output, made = self.later[name]
        thread.join()
        LANE.write(output.getvalue())
        output.truncate(0)
        if 'bin' not in made:
            raise StepFailed('could not set up the virtualenv %s (see above)' % name)
        return made['bin']

    def set_up(self):
        self.interpreters = find_interpreters()
        print('interpreters: ' + ', '.join('%s=%s' % item for item in sorted(self.interpreters.items())))
        self.main_version = next((v for v in MAIN_PYTHONS if v in self.interpreters), None)
        if not self.main_version:
            raise StepFailed('no Python %s found; install one of them' % ' or '.join(MAIN_PYTHONS))
        if FLOOR_PYTHON not in self.interpreters:
            raise StepFailed('no Python %s found for the ansible-core floor checks' % FLOOR_PYTHON)
        links = os.path.join(BUILD, 'python-bin')
        shutil.rmtree(links, ignore_errors=True)
        os.makedirs(links)
        for version, path in self.interpreters.items():
            os.symlink(path, os.path.join(links, 'python' + version))
        # The floor's and the rulebook's venvs, needed later in lanes 2 and 3, go on building while the lanes start.
        for name, version, requirements in (('floor', FLOOR_PYTHON, 'floor.txt'),
                                            ('rulebook', self.main_version, 'rulebook.txt')):
            self.later[name] = self.build_later(name, self.interpreters[version], requirements)
        self.main_bin = ensure_venv('main', self.interpreters[self.main_version],
                                    os.path.join(REQUIREMENTS, 'toolchain.txt'))
        self._install_get_pip_stand_in()
        install_npm_pins()
        ensure_qemu_img()

    @staticmethod
    def build_later(name, python, requirements):
        output, made = io.StringIO(), {}

        def build():
            LANE.output = output
            try:
                made['bin'] = ensure_venv(name, python, os.path.join(REQUIREMENTS, requirements))
            except (StepFailed, subprocess.CalledProcessError, OSError) as error:
                output.write('%s\n' % error)
        thread = threading.Thread(target=build)
        thread.start()
        return thread, output, made

    def _install_get_pip_stand_in(self):
        sources = glob.glob(os.path.join(os.path.dirname(self.main_bin), 'lib', 'python*', 'site-packages',
                                         'ansible_test', '_internal', 'python_requirements.py'))
        with open(sources[0]) as handle:
            versions = re.findall(r"pip='([0-9.]+)'", handle.read())
        cache = os.path.join(HOME, '.ansible', 'test', 'cache')
        os.makedirs(cache, exist_ok=True)
        for version in versions:
            if not glob.glob(os.path.join(PIP_WHEELS, 'pip-%s-*.whl' % version)):
                command([os.path.join(self.main_bin, 'python'), '-m', 'pip', 'download', '-q',
                         '--disable-pip-version-check', '--no-deps', '--dest', PIP_WHEELS, 'pip==' + version])
            with open(os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_')), 'w') as handle:
                handle.write(GET_PIP_STAND_IN % (ca_bundle(), PIP_WHEELS, version))


def apt_install(*packages):
    """Install Debian packages with apt-get (as root): None when done, else why not."""
    if os.geteuid() != 0 or not shutil.which('apt-get'):
        return 'no way to install %s here (apt-get as root)' % ' '.join(packages)
    env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
    install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends'] + list(packages)
    if subprocess.call(install, env=env, stdout=subprocess.DEVNULL) == 0:
        return None
    for argv in (['apt-get', 'update', '-qq'], install):  # a fresh machine's package lists may be missing or old
        if subprocess.call(argv, env=env, stdout=subprocess.DEVNULL) != 0:
            return '%s failed' % ' '.join(argv)
    return None


def ensure_qemu_img():
    """qemu-img (Debian's qemu-utils), which disk_image_convert runs and the tests make disk images with."""
    if not shutil.which('qemu-img'):
        LANE.write('qemu-img: installing qemu-utils with apt\n')
        failure = apt_install('qemu-utils')
        if failure or not shutil.which('qemu-img'):
            raise StepFailed('qemu-img is needed (Debian and Ubuntu: apt-get install qemu-utils): %s'
                             % (failure or 'installed, but not on the PATH'))
    version = subprocess.run(['qemu-img', '--version'], stdout=subprocess.PIPE, universal_newlines=True).stdout
    LANE.write('qemu-img: %s\n' % version.splitlines()[0])


def install_npm_pins():
    """The pinned npm packages of the emulator's conformance tests (tests/requirements/npm.txt), with this user's npm
    configuration (registry, CA), into the cache under the test HOME where the tests look (the second lane's HOME is a
    copy). Without npm the tests skip themselves, saying why."""
    if shutil.which('npm') is None:
        print('npm not found: the ali-oss conformance tests will be skipped')
        return
    with open(os.path.join(REQUIREMENTS, 'npm.txt')) as handle:
        pins = [line.strip() for line in handle if line.strip() and not line.startswith('#')]
    for pin in pins:
        folder = os.path.join(HOME, '.cache', 'alicloud_ops.ecs', pin.replace('@', '-'))
        if not os.path.exists(os.path.join(folder, 'node_modules', pin.split('@')[0], 'package.json')):
            command(['npm', 'install', '--no-audit', '--no-fund', '--prefix', folder, pin])


def tool_env(bin_dir):
    """Environment for a tool of the venv at bin_dir: its bin first, then the interpreter links."""
    env = dict(os.environ)
    env.pop('PYENV_VERSION', None)
    env.update(
        PATH=os.pathsep.join([bin_dir, os.path.join(BUILD, 'python-bin'), env.get('PATH', os.defpath)]),
        HOME=LANE.home,
        ANSIBLE_COLLECTIONS_PATH=LANE.collections,
        ANSIBLE_PYTHON_INTERPRETER=os.path.join(bin_dir, 'python'),
        PYTHONDONTWRITEBYTECODE='1',
        NO_COLOR='1',
    )
    return env


def tool(bin_dir, name, *args, extra_env=None, **kwargs):
    """Run a tool of the venv at bin_dir, in the installed collection unless told otherwise, in tool_env with
    extra_env's variables added."""
    kwargs.setdefault('cwd', LANE.installed)
    command([os.path.join(bin_dir, name)] + list(args), env=dict(tool_env(bin_dir), **(extra_env or {})), **kwargs)
