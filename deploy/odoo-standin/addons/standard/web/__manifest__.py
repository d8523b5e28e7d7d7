# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'Web',
    'version': '1.0',
    'category': 'Hidden',
    'depends': ['base'],
    'license': 'LGPL-3',
    'author': 'Odoo S.A.',
    'auto_install': True,
    'installable': True,
}
