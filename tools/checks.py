#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Set up the pinned toolchain and run every check of the collection (``make test``): the checks, and the steps
they make (where each runs is tools/steps.py, what it runs with tools/toolchain.py).

Everything it installs goes into ``.venv/`` and ``.build/`` inside the checkout; nothing is installed
globally. Each step prints its own output, then a line with its result and duration; a summary follows,
and the exit status is non-zero when any step failed.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paths import BUILD, COLLECTIONS, HOME, INSTALLED, ROOT  # noqa: E402  pylint: disable=wrong-import-position
from steps import LANE, LANE_PLACES, Step, StepFailed, command, run_steps  # noqa: E402  pylint: disable=wrong-import-position
from toolchain import FLOOR_PYTHON, Toolchain, tool  # noqa: E402  pylint: disable=wrong-import-position
import leftovers  # noqa: E402  pylint: disable=wrong-import-position


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
    """ansible-lint on the installed collection: the roles, the playbooks and rulebooks of extensions/ and demo/. The
    integration targets' playbooks are left out (they are checked by running them; linting them cost 37 s of CPU, a
    twelfth of make test's)."""
    tool(bin_dir, 'ansible-lint', '--profile', 'production', '--offline', '--exclude', 'tests/integration/',
         require=("Profile 'production' was required, and it passed",))


def examples_check(bin_dir):
    """The YAML examples of the README, the guides, the role READMEs and the modules' EXAMPLES against the argument
    specs of the installed collection; first the check's own tests."""
    env = {'PYTHONPATH': LANE.collections}
    tool(bin_dir, 'python', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', os.path.join(ROOT, 'tools',
         'test_examples_check.py'), cwd=ROOT, extra_env=env)
    tool(bin_dir, 'python', os.path.join(ROOT, 'tools', 'examples_check.py'), ROOT, cwd=ROOT, extra_env=env,
         require=(', 0 problems',))


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


class Load:
    """A process that keeps one core busy while the steps run."""

    def __init__(self):
        self.process = None

    def start(self):
        self.process = subprocess.Popen([sys.executable, '-c', 'while True: pass'])
        LANE.write('busy process %d\n' % self.process.pid)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()


def nothing_left_running():
    """Every step has ended: no process it started may still run (the emulators, ansible's async wrappers, which
    linger up to 5 s after a user's own async job)."""
    running = leftovers.left(grace=10)
    for pid, line in running:
        LANE.write('still running: %d %s\n' % (pid, line))
    if running:
        raise StepFailed('%d processes of the run outlived it' % len(running))
    LANE.write('nothing left running\n')


FLOOR_UNITS = ('tests/unit/plugins/modules/', 'tests/unit/plugins/lookup/', 'tests/unit/plugins/doc_fragments/',
               'tests/unit/plugins/plugin_utils/', 'tests/unit/plugins/module_utils/_module/',
               'tests/unit/plugins/module_utils/test_layers.py', 'tests/unit/meta/', 'tests/unit/extensions/')


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
        # at the floor, the tests of what runs on ansible-core: the modules' main() (AnsibleModule), the lookups, the
        # doc fragments, the action plugins' helpers, the frame of a run, the layers, meta and the event source. The
        # services and the emulator call no ansible-core API, and run in the units step above (their syntax and
        # imports on every Python in sanity)
        Step('floor: units (ansible-core 2.19, Python 3.11)',
             lambda: tool(t.floor_bin, 'ansible-test', 'units', '--local', '--python', FLOOR_PYTHON, '--color', 'no',
                          *FLOOR_UNITS),
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
        Step('examples in the docs name only options their plugin has', lambda: examples_check(t.main_bin), lane=3),
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
        # one seed of two pipelines at once, each under faults (make chaos SEEDS=20 for the deep run, of one pipeline;
        # CONCURRENT=1 of two)
        Step('chaos, concurrent: a seed of two pipelines at once under faults, then a plain re-run converges',
             lambda: tool(t.main_bin, 'python', os.path.join(ROOT, 'tools', 'chaos.py'), '--seeds', '1',
                          '--first-seed', '3', '--concurrent', '--bin-dir', t.main_bin, cwd=ROOT,
                          require=('chaos (concurrent): 1 seed, 1 passed',)), lane=3),
    ]
    if os.environ.get('STRESS') == '1':  # make test STRESS=1: find the next margin before a slow CI machine does
        load = Load()
        steps.insert(1, Step('stress: another process keeps one core busy', load.start))
        steps.append(Step('stress: the busy process stopped', load.stop, lane=4))
    steps.append(Step('nothing left running', nothing_left_running, lane=4))
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
    leftovers.adopt()
    steps = steps_for(Toolchain(), sanity_python=args.python, targets=args.target)
    if args.only:
        steps = [s for s in steps if s.essential or s.lane == 4 or any(text in s.name for text in args.only)]
    return run_steps(steps)


if __name__ == '__main__':
    sys.exit(main())
