#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Set up the pinned toolchain and run every check of the collection (``make test``).

Everything it installs goes into ``.venv/`` and ``.build/`` inside the checkout; nothing is installed
globally. Each step prints its own output, then a line with its result and duration; a summary follows,
and the exit status is non-zero when any step failed.
"""

import argparse
from collections import deque
import glob
import hashlib
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, '.build')
VENVS = os.path.join(ROOT, '.venv')
REQUIREMENTS = os.path.join(ROOT, 'tests', 'requirements')
COLLECTIONS = os.path.join(BUILD, 'collections')
INSTALLED = os.path.join(COLLECTIONS, 'ansible_collections', 'alicloud_ops', 'ecs')
HOME = os.path.join(BUILD, 'home')
COLLECTION_PATH = os.path.join('ansible_collections', 'alicloud_ops', 'ecs')


TAIL_LINES = 40


class Lane(threading.local):
    """Where the steps of the running thread work and write. The second lane has its own copy of the installed
    collection and its own HOME, since ansible-test writes into the collection (tests/output) and HOME."""

    collections = COLLECTIONS
    home = HOME
    output = None  # a buffer while a lane's step runs, else standard output
    recent = deque(maxlen=TAIL_LINES)  # the running step's last lines, shown again at the end if it fails
    cpu_seconds = 0.0  # the CPU time of the running step's commands and of the processes they waited for

    @property
    def installed(self):
        return os.path.join(self.collections, COLLECTION_PATH)

    def write(self, text):
        (self.output or sys.stdout).write(text)
        self.recent.append(text)


LANE = Lane()
# The other lanes' copies of the installed collection and of HOME; the third lane takes the steps that mostly wait
# (on slowed links, on the emulator's clock) and the linters, beside the two that keep the two cores busy.
LANE_PLACES = {2: (os.path.join(BUILD, 'collections-2'), os.path.join(BUILD, 'home-2')),
               3: (os.path.join(BUILD, 'collections-3'), os.path.join(BUILD, 'home-3'))}

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


class StepFailed(Exception):
    """A step's command failed or its output showed that it did not really run."""


class Step:
    """One named check: a callable that raises StepFailed (or CalledProcessError) when it fails."""

    def __init__(self, name, run, essential=False, lane=0):
        self.name = name
        self.run = run
        self.essential = essential  # later steps are pointless when this one fails
        self.lane = lane  # 0: in order before the lanes; 1, 2 or 3: side by side
        self.status = 'not run'
        self.seconds = 0.0
        self.detail = ''
        self.tail = []  # the last lines of its output when it failed
        self.cpu_seconds = 0.0


def run_step(step, number, total, out):
    out.write('\n==> [%d/%d] %s\n' % (number, total, step.name))
    out.flush()
    started = time.monotonic()
    LANE.recent = deque(maxlen=TAIL_LINES)
    LANE.cpu_seconds = 0.0
    try:
        step.run()
        step.status = 'ok'
    except (StepFailed, subprocess.CalledProcessError, OSError) as exc:
        step.status = 'FAILED'
        step.detail = str(exc)
        step.tail = list(LANE.recent)
    step.seconds = time.monotonic() - started
    step.cpu_seconds = LANE.cpu_seconds
    detail = ': ' + step.detail if step.detail else ''
    out.write('<== %s: %s (%.1f s)%s\n' % (step.name, step.status, step.seconds, detail))


def run_lane(steps, numbers, total, out, lock, place=None):
    """The steps of one lane in order, each step's output written whole once it ends, so lanes do not mix."""
    if place:
        LANE.collections, LANE.home = place
    for step in steps:
        LANE.output = io.StringIO()
        run_step(step, numbers[step], total, LANE.output)
        with lock:
            out.write(LANE.output.getvalue())
            out.flush()
        LANE.output = None


def run_steps(steps, out=sys.stdout):
    """Run the steps: those of lane 0 in order, then lanes 1, 2 and 3 side by side (1 and 2 one a core, 3 the steps
    that mostly wait and the linters). Print a summary and return the process exit status."""
    began, cpu_began = time.monotonic(), children_cpu_seconds()
    total = len(steps)
    numbers = dict((step, number) for number, step in enumerate(steps, 1))
    for step in [s for s in steps if s.lane == 0]:
        run_step(step, numbers[step], total, out)
        if step.status == 'FAILED' and step.essential:
            break
    else:
        lock = threading.Lock()
        lanes = [threading.Thread(target=run_lane, args=([s for s in steps if s.lane == lane], numbers, total, out,
                                                         lock, place))
                 for lane, place in ((1, None), (2, LANE_PLACES[2]), (3, LANE_PLACES[3]))]
        for thread in lanes:
            thread.start()
        for thread in lanes:
            thread.join()
    for step in [s for s in steps if s.tail]:  # again at the end, where a CI log's last lines show it
        out.write('\n==> the last lines of the failed step %s\n%s' % (step.name, ''.join(step.tail)))
    out.write('\nSummary%s wall clock    CPU\n' % (' ' * 58))
    for step in steps:
        out.write('  %-54s %-8s %7.1f s %6.0f s  %s\n' % (step.name, step.status, step.seconds, step.cpu_seconds,
                                                          'lane %d' % step.lane if step.lane else ''))
    failed = [s for s in steps if s.status != 'ok']
    out.write('  %-54s %-8s %7.1f s %6.0f s\n' % ('all, side by side', '', time.monotonic() - began,
                                                   children_cpu_seconds() - cpu_began))
    out.write('%d passed, %d failed\n' % (total - len(failed), len(failed)))
    out.flush()
    return 1 if failed else 0


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(argv, cwd=ROOT, env=None, forbid=(), require=()):
    """Run argv, echoing its output; fail on a non-zero exit, on any `forbid` text, or a missing `require` text."""
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
    lines = []
    for line in process.stdout:
        LANE.write(line)
        lines.append(line)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    LANE.cpu_seconds += usage.ru_utime + usage.ru_stime
    if process.returncode != 0:
        raise StepFailed('%s exited with %d' % (os.path.basename(argv[0]), process.returncode))
    output = ''.join(lines)
    for text in forbid:
        if text in output:
            raise StepFailed('output says %r' % text)
    for text in require:
        if text not in output:
            raise StepFailed('output lacks %r' % text)


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


def build_and_install(bin_dir):
    """Build the collection tarball and install it into .build/collections, as users get it."""
    dist = os.path.join(BUILD, 'dist')
    shutil.rmtree(dist, ignore_errors=True)
    tool(bin_dir, 'ansible-galaxy', 'collection', 'build', '--force', '--output-path', dist, cwd=ROOT)
    tarballs = glob.glob(os.path.join(dist, 'alicloud_ops-ecs-*.tar.gz'))
    shutil.rmtree(INSTALLED, ignore_errors=True)
    tool(bin_dir, 'ansible-galaxy', 'collection', 'install', '--force', '-p', COLLECTIONS, tarballs[0], cwd=ROOT)
    # ansible-test lists content through the nearest git repository; without one of its own, the installed
    # copy would be read through this checkout, which ignores .build/, and every test would be skipped.
    command(['git', 'init', '-q'], cwd=INSTALLED)
    command(['git', 'add', '-A'], cwd=INSTALLED)
    # the other lanes' copies of the installed collection and of HOME (with the get-pip stand-in)
    for collections, home in LANE_PLACES.values():
        shutil.rmtree(collections, ignore_errors=True)
        shutil.copytree(COLLECTIONS, collections, symlinks=True)
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(HOME, home, symlinks=True)


# Labels the generated pages point to in the Ansible documentation, which intersphinx would resolve online.
OFFLINE_REFERENCES = '''\
:orphan:

.. _common_return_values:

Common return values
====================

Besides their own values, modules return Ansible's common return values (``changed``, ``failed``, ``msg``...),
described in the Ansible documentation under "Return Values".

.. _ansible_configuration_settings:

Ansible configuration settings
==============================

Plugin options can also come from Ansible's configuration, described in the Ansible documentation under
"Ansible Configuration Settings".

.. _action_plugins:

Action plugins
==============

Modules with an action plugin run it on the controller, which runs the module on the host of the task; see
"Action plugins" in the Ansible documentation.
'''


def build_docsite(bin_dir):
    """The antsibull-docs/Sphinx site of the installed collection, offline, into .build/docsite/build/html;
    any Sphinx warning fails the build."""
    site = os.path.join(BUILD, 'docsite')
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    tool(bin_dir, 'antsibull-docs', 'sphinx-init', '--use-current', '--fail-on-error', '--dest-dir', site,
         '--project', 'alicloud_ops.ecs', '--title', 'alicloud_ops.ecs', 'alicloud_ops.ecs', cwd=site)
    conf = os.path.join(site, 'conf.py')
    with open(conf) as handle:
        text = handle.read()
    # Intersphinx inventories live on public sites this machine cannot reach.
    text = text.replace("'sphinx.ext.intersphinx', ", '')
    text = re.sub(r'(?ms)^intersphinx_mapping = \{.*?^\}', 'intersphinx_mapping = {}', text)
    with open(conf, 'w') as handle:
        handle.write(text)
    rst = os.path.join(site, 'rst')
    os.makedirs(rst, mode=0o755, exist_ok=True)
    tool(bin_dir, 'antsibull-docs', '--config-file', os.path.join(site, 'antsibull-docs.cfg'), 'collection',
         '--use-current', '--fail-on-error', '--cleanup', 'everything', '--dest-dir', rst, 'alicloud_ops.ecs', cwd=site)
    with open(os.path.join(rst, 'offline_references.rst'), 'w') as handle:
        handle.write(OFFLINE_REFERENCES)
    tool(bin_dir, 'sphinx-build', '-W', '--keep-going', '-q', '-b', 'html', '-c', site, rst,
         os.path.join(site, 'build', 'html'), cwd=site)
    LANE.write('docsite: %s\n' % os.path.join(site, 'build', 'html', 'index.html'))


def execution_environment(bin_dir):
    """ansible-builder finds the collection's Python needs and writes a build context (no image is built)."""
    context = os.path.join(BUILD, 'ee-context')
    shutil.rmtree(context, ignore_errors=True)
    tool(bin_dir, 'ansible-builder', 'introspect', '--sanitize', LANE.collections, require=('requests', 'anycrc'))
    tool(bin_dir, 'ansible-builder', 'create', '--file', os.path.join(ROOT, 'tests', 'ee', 'execution-environment.yml'),
         '--context', context, cwd=ROOT)
    # Containerfile for podman, Dockerfile for docker: whichever runtime ansible-builder found
    if not any(os.path.exists(os.path.join(context, name)) for name in ('Containerfile', 'Dockerfile')):
        raise StepFailed('ansible-builder create wrote no Containerfile or Dockerfile')


# No ansible-lint inside the importer: it would run the pinned ansible-lint again with the production profile on
# less (tests/ excluded) and with six rules skipped; the ansible-lint step runs it on everything, skipping none.
GALAXY_IMPORTER_CONFIG = '''\
[galaxy-importer]
RUN_ANSIBLE_TEST = False
RUN_ANSIBLE_LINT = False
RUN_ANSIBLE_DOC = True
'''


def galaxy_importer(bin_dir):
    """Galaxy's importer on the built tarball, as Galaxy runs it but offline (no ansible-test container, its lint left
    to the ansible-lint step); its ansible-doc comes from the venv. Any warning or error fails the step."""
    config = os.path.join(BUILD, 'galaxy-importer.cfg')
    with open(config, 'w') as handle:
        handle.write(GALAXY_IMPORTER_CONFIG)
    work = os.path.join(BUILD, 'galaxy-importer')
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    tarball = glob.glob(os.path.join(BUILD, 'dist', 'alicloud_ops-ecs-*.tar.gz'))[0]
    tool(bin_dir, 'python', '-m', 'galaxy_importer.main', tarball, cwd=work,
         extra_env={'GALAXY_IMPORTER_CONFIG': config}, forbid=('WARNING', 'ERROR'),
         require=('Getting doc strings via ansible-doc', 'Importer processing completed successfully',
                  'Loading eda/plugins/event_source ecs_task'))


def render_docs(bin_dir):
    """ansible-doc of the roles and the event source (sanity's ansible-doc test and galaxy-importer render the
    plugins)."""
    roles = ['alicloud_ops.ecs.' + role for role in sorted(os.listdir(os.path.join(ROOT, 'roles')))]
    # one call for all: ansible-doc says nothing about a role it cannot find, so each must show its heading
    tool(bin_dir, 'ansible-doc', '-t', 'role', *roles, require=['> ROLE: *%s*' % role for role in roles])
    # ansible-doc has no plugin type for event sources; -M renders one as a module, as galaxy-importer does
    tool(bin_dir, 'ansible-doc', '-M', os.path.join('extensions', 'eda', 'plugins', 'event_source'), 'ecs_task',
         require=('include_existing', 'access_key'))


def ansible_lint(bin_dir):
    """ansible-lint on the installed collection, with the targets' emulator_control action where their runme.sh find
    it (emulator.sh puts it on ANSIBLE_ACTION_PLUGINS)."""
    actions = os.path.join(LANE.installed, 'tests', 'integration', 'targets', 'setup_emulator', 'action_plugins')
    tool(bin_dir, 'ansible-lint', '--profile', 'production', '--offline', extra_env={'ANSIBLE_ACTION_PLUGINS': actions},
         require=("Profile 'production' was required, and it passed",))


def rulebook_check(main_bin, rulebook_bin):
    """The event source under the real ansible-rulebook, from a virtualenv of its own."""
    tool(main_bin, 'python', os.path.join(ROOT, 'tools', 'rulebook_check.py'), rulebook_bin, main_bin, LANE.collections,
         cwd=ROOT, require=('rulebook check',))


def sanity_ignore_lines():
    """Fail when any tests/sanity/ignore-*.txt holds a line: the standard is zero."""
    lines = []
    for path in glob.glob(os.path.join(ROOT, 'tests', 'sanity', 'ignore-*.txt')):
        with open(path) as handle:
            lines.extend('%s: %s' % (os.path.basename(path), line.rstrip())
                         for line in handle if line.strip() and not line.startswith('#'))
    if lines:
        raise StepFailed('sanity ignore lines present:\n  ' + '\n  '.join(lines))


def integration(bin_dir, python, *targets):
    tool(bin_dir, 'ansible-test', 'integration', '--local', '--python', python, '--color', 'no', *targets,
         forbid=('All targets skipped',), require=('Running ',))


def sanity(bin_dir, python=None):
    """The full sanity once, and the tests that depend on the Python version (compile, import) on every Python;
    with `python`, on that one only."""
    tool(bin_dir, 'ansible-test', 'sanity', '--venv', '--color', 'no', *(['--python', python] if python else []),
         forbid=('All targets skipped',))


def steps_for(toolchain, sanity_python=None, targets=()):
    """The steps of make test. After the set-up, three lanes run side by side: two that keep a core busy each, and a
    third of the steps that mostly wait, with the linters; balanced by their times on a quiet machine. The integration
    targets with the alias lane2 (or lane3) run in the second (or third) lane, every other in the first."""
    t = toolchain
    integration_targets = list(targets) or ['--exclude', 'lane2/', '--exclude', 'lane3/']
    steps = [
        Step('set up toolchain (.venv, pinned)', t.set_up, essential=True),
        Step('runner self-test', lambda: tool(t.main_bin, 'python', '-m', 'pytest', '-q', '-p', 'no:cacheprovider',
                                              os.path.join('tools', 'test_checks.py'), cwd=ROOT)),
        Step('galaxy build + install', lambda: build_and_install(t.main_bin), essential=True),
        Step('sanity ignore files are empty', sanity_ignore_lines),
        Step('REUSE: every file has its licence (reuse lint)', lambda: tool(t.main_bin, 'reuse', 'lint', cwd=ROOT)),
        # lane 1
        Step('ansible-test sanity (%s)' % ('Python ' + sanity_python if sanity_python else 'every Python'),
             lambda: sanity(t.main_bin, sanity_python), lane=1),
        Step('ansible-test integration (%s)' % (', '.join(targets) or 'all but lane2/, lane3/'),
             lambda: integration(t.main_bin, t.main_version, *integration_targets), lane=1),
        Step('execution environment (ansible-builder)', lambda: execution_environment(t.main_bin), lane=1),
        # lane 2
        Step('ansible-test units', lambda: tool(t.main_bin, 'ansible-test', 'units', '--local', '--python',
                                                t.main_version, '--color', 'no'), lane=2),
        Step('ansible-test integration (lane2/)', lambda: integration(t.main_bin, t.main_version, 'lane2/'), lane=2),
        # at the floor, the tests of what runs on ansible-core; the emulator's (its conformance with the official SDKs)
        # do not depend on it and run in the units step above
        Step('floor: units (ansible-core 2.19, Python 3.11)',
             lambda: tool(t.floor_bin, 'ansible-test', 'units', '--local', '--python', FLOOR_PYTHON, '--color', 'no',
                          'tests/unit/plugins/', 'tests/unit/meta/', 'tests/unit/extensions/'),
             lane=2),
        # at the floor, the targets whose behaviour rests on ansible-core (module and lookup plumbing, the role,
        # -vvvv output and the progress lines, async); the logic of the modules runs there through the floor's unit
        # tests
        Step('floor: integration (ansible-core 2.19, Python 3.11)',
             lambda: integration(t.floor_bin, FLOOR_PYTHON, 'floor/'), lane=2),
        # lane 3: the steps that mostly wait, with the linters and the docs beside them
        Step('antsibull-docs lint-collection-docs',
             lambda: tool(t.main_bin, 'antsibull-docs', 'lint-collection-docs', '--plugin-docs', '.'), lane=3),
        Step('antsibull-changelog lint', lambda: tool(t.main_bin, 'antsibull-changelog', 'lint'), lane=3),
        Step('docsite builds without warnings', lambda: build_docsite(t.main_bin), lane=3),
        Step('ansible-doc renders the roles and the event source', lambda: render_docs(t.main_bin), lane=3),
        Step('ansible-lint (production, offline)', lambda: ansible_lint(t.main_bin), lane=3),
        Step('ansible-rulebook: the event source end to end', lambda: rulebook_check(t.main_bin, t.rulebook_bin),
             lane=3),
        Step('ansible-test integration (lane3/)', lambda: integration(t.main_bin, t.main_version, 'lane3/'), lane=3),
        Step('ansible-runner: job events, no secret in artifacts',
             lambda: tool(t.main_bin, 'python', os.path.join(ROOT, 'tools', 'runner_check.py'), LANE.collections,
                          cwd=ROOT, require=('0 problems',)), lane=3),
        Step('galaxy-importer (offline)', lambda: galaxy_importer(t.main_bin), lane=3),
        Step('chaos: 2 seeds of faults on every call, then a plain re-run converges',
             lambda: tool(t.main_bin, 'python', os.path.join(ROOT, 'tools', 'chaos.py'), '--seeds', '2', '--bin-dir',
                          t.main_bin, cwd=ROOT, require=('chaos: 2 seeds, 2 passed',)), lane=3),
    ]
    if targets:  # one target by name: lane 1 runs it, the other lanes' groups have nothing more to add
        steps = [s for s in steps if s.name not in ('ansible-test integration (lane2/)',
                                                    'ansible-test integration (lane3/)')]
    return steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--only', action='append', default=[],
                        help='run only the steps whose name contains this text (set-up and build always run)')
    parser.add_argument('--python', help='run sanity on this Python only (X.Y), for a quick look')
    parser.add_argument('--target', action='append', default=[],
                        help='run only this integration target (its name; repeatable)')
    args = parser.parse_args(argv)
    steps = steps_for(Toolchain(), sanity_python=args.python, targets=args.target)
    if args.only:
        steps = [s for s in steps if s.essential or any(text in s.name for text in args.only)]
    return run_steps(steps)


if __name__ == '__main__':
    sys.exit(main())
